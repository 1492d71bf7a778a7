namespace SyscallBench.Core.Traces.Strace;

/// <summary>The events of one process (or of a whole file) read from strace output, in order.</summary>
/// <param name="Source">The file it came from, as named in messages.</param>
/// <param name="Pid">The process; null for a per-file trace.</param>
/// <param name="Instance">1 for the first process with this pid in the file, 2 for the next one after it ended, ...</param>
/// <param name="Events">Calls, signals and the exit or kill, in line order.</param>
public sealed record StraceTrace(string Source, int? Pid, int Instance, IReadOnlyList<StraceEvent> Events)
{
    /// <summary>"pid1234", "pid1234.2" for a reused pid's second process; "" for a per-file trace.</summary>
    public string Key => Pid is { } pid ? ProcessLives.Name($"pid{pid}", Instance) : "";

    public IEnumerable<StraceEvent> Calls => Events.Where(e => e.Kind == StraceEventKind.Call);

    /// <summary>The calls' syscall ids (see <see cref="StraceEvent.Number"/>), the form detectors read.</summary>
    public int[] CallNumbers() => Calls.Select(e => e.Number).ToArray();

    public string[] CallNames() => Calls.Select(e => e.Name).ToArray();

    /// <summary>The calls' timestamps (null where the output had none).</summary>
    public double?[] CallTimes() => Calls.Select(e => e.Time).ToArray();
}
