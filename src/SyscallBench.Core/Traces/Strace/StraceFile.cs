using System.Globalization;
using System.Text;

namespace SyscallBench.Core.Traces.Strace;

/// <summary>Reads a whole strace output file (plain or gzip-compressed) into traces, per process or per file.</summary>
public static class StraceFile
{
    /// <param name="path">The file: output of <c>strace -o</c>, or one <c>-ff</c> per-pid file (<c>trace.1234</c>,
    /// whose suffix is then the pid of lines without a pid column), optionally gzip-compressed.</param>
    /// <param name="grouping">One trace per process or one per file.</param>
    /// <param name="options">Strictness and syscall table; <see cref="StraceReaderOptions.DefaultPid"/> is taken from
    /// the -ff suffix when the name has one.</param>
    /// <param name="sourceName">The name in messages (default: the path).</param>
    /// <exception cref="StraceFormatException">In strict mode, at the first malformed line.</exception>
    /// <exception cref="SyscallBenchException">The file is a damaged or cut-off gzip file (the message names the path).</exception>
    public static StraceFileResult Read(
        string path,
        StraceGrouping grouping = StraceGrouping.Process,
        StraceReaderOptions? options = null,
        string? sourceName = null)
    {
        sourceName ??= path;
        options ??= new StraceReaderOptions();
        if (PidFromFileName(path) is { } filePid)
        {
            options = options with { DefaultPid = filePid };
        }

        var reader = new StraceReader(sourceName, options);
        using var text = new StreamReader(MaybeGzippedFile.OpenRead(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        // A damaged or cut-off gzip file fails inside MaybeGzippedFile's stream, with a message naming the file.
        IReadOnlyList<StraceTrace> traces = grouping == StraceGrouping.File
            ? [new StraceTrace(sourceName, null, 1, reader.Read(text).ToArray())]
            : GroupByProcess(sourceName, reader.Read(text));

        return new StraceFileResult(sourceName, traces, reader.LinesRead, reader.MalformedLines, reader.MalformedExamples.ToArray(), reader.TruncatedLastLine);
    }

    /// <summary>The pid in a -ff file name ("trace.1234" or "trace.1234.gz"), or null.</summary>
    public static int? PidFromFileName(string path)
    {
        var name = MaybeGzippedFile.NameWithoutGz(path);
        var dot = name.LastIndexOf('.');
        return dot > 0 && int.TryParse(name.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    /// <summary>Traces in order of each process's first line; an exit or kill closes a pid's trace.</summary>
    private static List<StraceTrace> GroupByProcess(string sourceName, IEnumerable<StraceEvent> events)
    {
        var traces = new List<(int Pid, int Instance, List<StraceEvent> Events)>();
        var openTraceOfPid = new Dictionary<int, int>();
        var instancesOfPid = new Dictionary<int, int>();
        foreach (var e in events)
        {
            if (!openTraceOfPid.TryGetValue(e.Pid, out var index))
            {
                var instance = instancesOfPid[e.Pid] = instancesOfPid.GetValueOrDefault(e.Pid) + 1;
                index = traces.Count;
                traces.Add((e.Pid, instance, []));
                openTraceOfPid[e.Pid] = index;
            }

            traces[index].Events.Add(e);
            if (e.Kind is StraceEventKind.Exited or StraceEventKind.Killed)
            {
                openTraceOfPid.Remove(e.Pid);
            }
        }

        return traces.Select(t => new StraceTrace(sourceName, t.Pid, t.Instance, t.Events)).ToList();
    }
}
