using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Sysdig;

namespace SyscallBench.Core.Datasets.LidDs;

/// <summary>What reading one recording gave.</summary>
/// <param name="Source">Where it came from.</param>
/// <param name="Trace">The recording, or null when it has no calls (then <see cref="Skipped"/> says so).</param>
/// <param name="Lines">Event lines read.</param>
/// <param name="SwitchEvents">sysdig context-switch events skipped.</param>
/// <param name="Skipped">Why the recording was left out ("no calls", or the error with skip_damaged); null when read.</param>
internal sealed record LidDsRead(LidDsRecordingSource Source, Trace? Trace, long Lines, long SwitchEvents, string? Skipped);

/// <summary>Reads one LID-DS recording into a trace with its timeline, streaming its events (see <see cref="SysdigReader"/>).</summary>
internal static class LidDsRecordingReader
{
    /// <param name="source">The recording.</param>
    /// <param name="options">Streams and which event lines are calls.</param>
    /// <param name="family">The attack family given to attack recordings.</param>
    /// <exception cref="SyscallBenchException">A damaged zip, missing files or metadata, a malformed line, time going backwards.</exception>
    public static LidDsRead Read(LidDsRecordingSource source, LidDsOptions options, Func<LidDsMetadata, string> family) =>
        source.Read((metadata, stream, name) =>
        {
            using var reader = new SysdigReader(stream, name, source.Format, SyscallNames.X86_64, leaveOpen: true);
            var builder = new RecordingBuilder(name, options.Streams);
            while (reader.Read(out var e))
            {
                if (options.Direction == CallDirection.Both || (e.Direction == SysdigDirection.Enter) == (options.Direction == CallDirection.Enter))
                {
                    builder.Add(e.ProcessId, e.ThreadId, e.ProcessName, e.Time, e.Syscall, e.Line);
                }
                else
                {
                    builder.Observe(e.Time);
                }
            }

            if (builder.Calls == 0)
            {
                return new LidDsRead(source, null, reader.LinesRead, reader.SwitchEvents, "no calls");
            }

            // 2021: the exploit's Unix time; 2019: seconds after the recording began, which its first event stands for.
            var attackStart = !metadata.IsAttack ? null
                : metadata.ExploitStartUnixNanoseconds
                  ?? builder.Origin + (long)Math.Round(metadata.ExploitStartAfterFirstEventSeconds!.Value * 1e9);
            var trace = builder.Build(source.Name, metadata.IsAttack ? TraceLabel.Attack : TraceLabel.Normal,
                metadata.IsAttack ? family(metadata) : null, attackStart);
            return new LidDsRead(source, trace, reader.LinesRead, reader.SwitchEvents, null);
        });
}
