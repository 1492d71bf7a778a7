using System.Globalization;
using SyscallBench.Core.Datasets.LidDs;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Sysdig;

namespace SyscallBench.Core.Streaming;

/// <summary>How a recording's .sc events become the streams `score` windows: which lines are calls, and which calls form one stream.</summary>
/// <param name="Streams">One stream per thread, per process, or one for the whole recording: as the model's run saw its recordings.</param>
/// <param name="Direction">Which event lines are calls ('&gt;' entries by default, as the lid-ds dataset reads them).</param>
public sealed record ScStreams(RecordingStreams Streams, CallDirection Direction = CallDirection.Enter)
{
    public static readonly ScStreams Default = new(RecordingStreams.Thread);
}

/// <summary>
/// Turns sysdig .sc lines (LID-DS 2021 recordings, `record -` output) into <see cref="ProcessEvent"/>s as they are
/// read, so `score` follows a container's threads or processes live, cut as the lid-ds dataset cuts a recording
/// (<see cref="RecordingBuilder"/>): the same calls, in the same streams, so a model fitted on recordings scores live
/// input as it was evaluated.
/// </summary>
/// <remarks>
/// <para>Stream names are "comm tid N" (threads), "comm pid N" (processes) or "all", after the process name the stream
/// was first seen with (an execve changes the name, not the stream), prefixed by "FILE#" for a file. Times are the
/// events' Unix times in seconds. A thread stream ends at its thread's <c>exit</c> or <c>exit_group</c> call, a process
/// stream at its <c>exit_group</c>: their state is dropped then, which keeps a live stream's memory bounded by the
/// threads alive (and by <see cref="WindowStream.MaxProcesses"/>).</para>
/// </remarks>
public static class ScInput
{
    private static readonly int ExitCall = SyscallNames.X86_64.IdOf("exit");
    private static readonly int ExitGroupCall = SyscallNames.X86_64.IdOf("exit_group");

    /// <summary>
    /// Whether a first non-blank line is a LID-DS 2021 .sc line ("UNIX_NS UID PID COMM TID SYSCALL &gt;|&lt; ..."): a first
    /// field of 16 to 19 digits (nanoseconds; strace's first field is a pid or a clock time) and a later field that is
    /// exactly '&gt;' or '&lt;'.
    /// </summary>
    public static bool LooksLikeSc(string line)
    {
        var fields = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 6 && fields[0].Length is >= 16 and <= 19 && fields[0].All(char.IsAsciiDigit)
            && fields.Skip(5).Any(f => f is ">" or "<");
    }

    /// <summary>The events of .sc text, read as it arrives.</summary>
    /// <param name="reader">The .sc text.</param>
    /// <param name="streams">Which lines are calls and how they are grouped.</param>
    /// <param name="prefix">Prefixes stream names ("FILE#"); empty for standard input.</param>
    /// <param name="cancellation">Checked between events.</param>
    /// <exception cref="SysdigFormatException">A malformed line (the message names the source and line).</exception>
    public static IEnumerable<ProcessEvent> Read(SysdigReader reader, ScStreams streams, string prefix = "", CancellationToken cancellation = default)
    {
        var names = new Dictionary<long, string>();
        while (reader.Read(out var e))
        {
            cancellation.ThrowIfCancellationRequested();
            var isCall = streams.Direction == CallDirection.Both || (e.Direction == SysdigDirection.Enter) == (streams.Direction == CallDirection.Enter);
            if (!isCall)
            {
                continue;
            }

            var key = streams.Streams switch
            {
                RecordingStreams.Thread => e.ThreadId,
                RecordingStreams.Process => 1L << 32 | (uint)e.ProcessId,
                _ => -1L,
            };
            if (!names.TryGetValue(key, out var name))
            {
                name = prefix + streams.Streams switch
                {
                    RecordingStreams.Thread => $"{e.ProcessName} tid {e.ThreadId.ToString(CultureInfo.InvariantCulture)}",
                    RecordingStreams.Process => $"{e.ProcessName} pid {e.ProcessId.ToString(CultureInfo.InvariantCulture)}",
                    _ => "all",
                };
                names.Add(key, name);
            }

            var time = e.Time / 1e9;
            yield return ProcessEvent.Call(name, time, e.Syscall);
            var ends = streams.Streams switch
            {
                RecordingStreams.Thread => e.Syscall == ExitCall || e.Syscall == ExitGroupCall,
                RecordingStreams.Process => e.Syscall == ExitGroupCall,
                _ => false,
            };
            if (ends && e.Direction == SysdigDirection.Enter)
            {
                names.Remove(key);
                yield return ProcessEvent.Exit(name, time);
            }
        }
    }

    /// <summary>The events of a LID-DS 2021 recording file: NAME.zip (its .sc entry) or a NAME.sc file.</summary>
    /// <param name="path">The recording.</param>
    /// <param name="name">Prefixes its stream names ("NAME#").</param>
    /// <param name="streams">Which lines are calls and how they are grouped.</param>
    /// <param name="cancellation">Stops reading.</param>
    public static IEnumerable<ProcessEvent> FromRecording(string path, string name, ScStreams streams, CancellationToken cancellation = default)
    {
        // Materialised per recording (the source holds the zip open only inside its callback); a recording of the
        // sample is a few hundred thousand events.
        var source = path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
            ? (LidDsRecordingSource)new LidDsRecordingSource.Zipped(path, LidDsSplit.Test)
            : null;
        if (source is null)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var reader = new SysdigReader(file, path, SysdigFormat.LidDs2021, SyscallNames.X86_64, leaveOpen: true);
            foreach (var e in Read(reader, streams, name + "#", cancellation))
            {
                yield return e;
            }

            yield break;
        }

        var events = source.Read((_, stream, entry) =>
        {
            using var reader = new SysdigReader(stream, entry, SysdigFormat.LidDs2021, SyscallNames.X86_64, leaveOpen: true);
            return Read(reader, streams, name + "#", cancellation).ToList();
        });
        foreach (var e in events)
        {
            yield return e;
        }
    }

    /// <summary>Whether a file is a LID-DS 2021 recording `score` reads as .sc: a .zip or a .sc file.</summary>
    public static bool IsRecording(string path) =>
        path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".sc", StringComparison.OrdinalIgnoreCase);
}
