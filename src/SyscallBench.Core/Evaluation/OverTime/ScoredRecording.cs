using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Evaluation.OverTime;

/// <summary>
/// One recording's window scores over time, the form the time-aware evaluation reads: a window raises an alarm at its
/// end (when its last call happened, the first moment its score can be known) when it scores above the threshold.
/// </summary>
/// <param name="Id">The recording's id.</param>
/// <param name="Label">Normal or attack.</param>
/// <param name="Family">The attack family; null for normal recordings.</param>
/// <param name="Start">Start of the observed period, seconds (see <see cref="TraceTimeline"/>).</param>
/// <param name="End">End of the observed period, seconds.</param>
/// <param name="AttackStart">When the attack started, seconds; null for normal recordings (and attacks without a known start).</param>
/// <param name="WindowEnds">Each window's end time, seconds, non-decreasing.</param>
/// <param name="Scores">Each window's score, aligned with <paramref name="WindowEnds"/>; higher = more anomalous.</param>
public sealed record ScoredRecording(string Id, TraceLabel Label, string? Family, double Start, double End, double? AttackStart,
    double[] WindowEnds, double[] Scores)
{
    public bool IsAttack => Label == TraceLabel.Attack;

    /// <summary>Seconds of normal behaviour observed: the whole period of a normal recording, the part before the attack of an attack.</summary>
    public double NormalSeconds => IsAttack
        ? AttackStart is { } attack ? Math.Max(0, Math.Min(attack, End) - Start) : 0
        : End - Start;

    /// <summary>Whether window i is a false alarm when it alarms: in a normal recording, or ending before the attack started.</summary>
    public bool IsBeforeAttack(int window) => !IsAttack || WindowEnds[window] < AttackStart;
}
