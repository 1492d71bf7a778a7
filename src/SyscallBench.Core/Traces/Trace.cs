namespace SyscallBench.Core.Traces;

/// <summary>Whether a trace is known-normal behaviour or part of an attack.</summary>
public enum TraceLabel
{
    Normal,
    Attack,
}

/// <summary>
/// One process's system calls, in order, as raw syscall numbers (for ADFA-LD: 32-bit x86 Linux numbers).
/// </summary>
/// <param name="Id">Unique within a dataset, stable across runs (ADFA-LD: the path inside the dataset).</param>
/// <param name="Calls">The syscall numbers in call order. Treated as immutable: never write to it.</param>
/// <param name="Label">Normal or attack.</param>
/// <param name="Family">Attack family (ADFA-LD: "Adduser", "Web_Shell", ...); for a normal trace, the kind of
/// normal work when the dataset names it (a trace folder's labels.csv may), else null.</param>
/// <param name="Source">Where the trace came from, for messages and provenance (file path, generator).</param>
public sealed record Trace(string Id, int[] Calls, TraceLabel Label, string? Family, string Source)
{
    public int Length => Calls.Length;

    /// <summary>
    /// For a recording (LID-DS, a multi-process strace file read with streams): each call's stream and time and the
    /// attack's start; null for a plain trace, one process's calls in order.
    /// </summary>
    public TraceTimeline? Timeline { get; init; }

    public bool IsAttack => Label == TraceLabel.Attack;

    public static Trace Normal(string id, int[] calls, string source = "inline", string? family = null) =>
        new(id, calls, TraceLabel.Normal, family, source);

    public static Trace Attack(string id, int[] calls, string family, string source = "inline") =>
        new(id, calls, TraceLabel.Attack, family, source);
}
