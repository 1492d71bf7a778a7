using System.Globalization;
using System.Text;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;

namespace SyscallBench.Core.Streaming;

/// <summary>
/// Turns what `score` reads into <see cref="ProcessEvent"/>s, streaming (strace output is never read whole):
/// strace text (plain or gzip) with one process per pid, or a plain trace file of syscall numbers or names
/// (one process, no times). Formats are told apart as the trace-folder dataset does (<see cref="TraceFileFormats"/>).
/// </summary>
/// <remarks>Names (strace's and names files') are numbered with the x86-64 table, strace's own platform here.</remarks>
public static class ScoreInputs
{
    /// <summary>
    /// The numbering a file's syscalls come in: x86-64 for strace output and names (numbered with that table);
    /// null for bare numbers, which could be any.
    /// </summary>
    public static SyscallNumbering? NumberingOf(TraceFileFormat format) =>
        format is TraceFileFormat.Strace or TraceFileFormat.Names ? SyscallNumbering.X86_64 : null;

    /// <summary>The numbering of a file's syscalls: x86-64 for LID-DS recordings (.sc names), else by its format (<see cref="NumberingOf(TraceFileFormat)"/>).</summary>
    public static SyscallNumbering? NumberingOf(string path) =>
        ScInput.IsRecording(path) ? SyscallNumbering.X86_64 : NumberingOf(TraceFileFormats.Of(path));

    /// <summary>
    /// The events of strace output. Processes are named "pid1234" (prefixed by <paramref name="processPrefix"/>);
    /// lines without a pid column (one -ff log per process) are one process named by the prefix alone.
    /// Exits and kills end a process; signals are not calls and are skipped. A pid that calls again after its
    /// exit keeps its name here: <see cref="WindowStream"/> names each life ("pid1234.2").
    /// </summary>
    public static IEnumerable<ProcessEvent> FromStrace(StraceReader reader, TextReader text, string processPrefix,
        int defaultPid = 0, CancellationToken cancellation = default)
    {
        foreach (var e in reader.Read(text, cancellation))
        {
            var process = e.Pid == defaultPid && processPrefix.Length > 0
                ? processPrefix
                : processPrefix.Length > 0 ? $"{processPrefix}:pid{e.Pid}" : $"pid{e.Pid}";
            switch (e.Kind)
            {
                case StraceEventKind.Call:
                    yield return ProcessEvent.Call(process, e.Time, e.Number);
                    break;
                case StraceEventKind.Exited or StraceEventKind.Killed:
                    yield return ProcessEvent.Exit(process, e.Time);
                    break;
            }
        }
    }

    /// <summary>The events of one file.</summary>
    /// <param name="path">The file: strace output, syscall numbers or names (plain or gzip), or a LID-DS 2021 recording (.zip, .sc).</param>
    /// <param name="name">Names its processes (with ":pidN" for strace lines with a pid column, "#STREAM" for a recording's streams).</param>
    /// <param name="streams">How a recording's calls are cut into streams.</param>
    /// <param name="warn">Told about lines that were not strace output (skipped), once at the end of the file.</param>
    /// <param name="cancellation">Stops reading.</param>
    public static IEnumerable<ProcessEvent> FromFile(string path, string name, ScStreams streams, Action<string> warn, CancellationToken cancellation = default)
    {
        if (ScInput.IsRecording(path))
        {
            foreach (var e in ScInput.FromRecording(path, name, streams, cancellation))
            {
                yield return e;
            }

            yield break;
        }

        var format = TraceFileFormats.Of(path);
        if (format != TraceFileFormat.Strace)
        {
            var calls = format == TraceFileFormat.Names ? TraceFileParser.ParseNamesFile(path, SyscallNames.X86_64) : TraceFileParser.ParseFile(path);
            foreach (var e in WindowCalibration.Replay(Trace.Normal(name, calls, path)))
            {
                yield return e;
            }

            yield break;
        }

        var defaultPid = StraceFile.PidFromFileName(path) ?? 0;
        var reader = new StraceReader(path, new StraceReaderOptions { DefaultPid = defaultPid });
        using var text = new StreamReader(MaybeGzippedFile.OpenRead(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var e in FromStrace(reader, text, name, defaultPid, cancellation))
        {
            yield return e;
        }

        if (MalformedNote(reader) is { } note)
        {
            warn(note);
        }
    }

    /// <summary>A warning about the lines a reader skipped, with the first examples; null when there were none.</summary>
    public static string? MalformedNote(StraceReader reader) => reader.MalformedLines == 0
        ? null
        : $"{reader.SourceName}: {reader.MalformedLines.ToString("N0", CultureInfo.InvariantCulture)} {(reader.MalformedLines == 1 ? "line was" : "lines were")} "
            + "not strace output and skipped; first: "
            + string.Join(" | ", reader.MalformedExamples.Take(3));

    /// <summary>
    /// Why standard input holds lines that are not strace output, and the ways that keep them out (each checked with strace 6 on
    /// Linux): the traced command inherits strace's standard output and error, so `-o /dev/stdout` (or `-o /dev/stderr` with
    /// `2&gt;&amp;1`) puts the command's own output into the pipe, even into the middle of a strace line.
    /// </summary>
    public const string MixedOutputAdvice = "On standard input this usually means the traced command's own output is in the stream: "
        + "with `strace -o /dev/stdout CMD | score -` CMD writes its standard output into the same pipe (and with `-o /dev/stderr ... 2>&1` its "
        + "standard error), so its lines, and pieces of strace's, are skipped. What keeps them apart: `strace -f -tt -o >(score --model M -) CMD` "
        + "(bash), a named pipe (`mkfifo /tmp/trace; score --model M - < /tmp/trace & strace -f -tt -o /tmp/trace CMD`), or, for a process "
        + "already running, `strace -f -tt -p PID -o /dev/stdout | score --model M -` (its output stays where it was).";

    /// <summary>The trace files of a folder (every file below it except *.csv and *.md), in ordinal order of their relative paths.</summary>
    /// <param name="folder">The input or --calibrate folder.</param>
    /// <param name="skipped">Told about links to folders, dangling links and FIFOs left out (<see cref="RegularFiles"/>).</param>
    public static IReadOnlyList<string> FilesOf(string folder, Action<string>? skipped = null) =>
        RegularFiles.Below(folder, skipped)
            .Where(f => !f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), StringComparer.Ordinal)
            .ToArray();
}
