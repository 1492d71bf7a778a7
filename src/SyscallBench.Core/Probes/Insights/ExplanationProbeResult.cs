namespace SyscallBench.Core.Probes.Insights;

/// <summary>What <see cref="ExplanationProbe"/> found for one detector and seed: its top flagged test traces.</summary>
/// <param name="TestTraces">How many test traces were ranked.</param>
/// <param name="Traces">The most anomalous test traces, most anomalous first.</param>
public sealed record ExplanationProbeResult(int TestTraces, IReadOnlyList<ExplainedTrace> Traces)
    : ProbeResult(ExplanationProbe.ProbeName);

/// <summary>One of the most anomalous test traces and, where the detector gives position scores, what drove its score.</summary>
/// <param name="Rank">1 = the highest trace score of the test set.</param>
/// <param name="TraceId">The trace's id in the dataset.</param>
/// <param name="IsAttack">Whether the trace is an attack (the probe reads the label only to report it).</param>
/// <param name="Family">The attack family; null for normal traces.</param>
/// <param name="Score">The detector's trace score.</param>
/// <param name="Length">Number of calls in the trace.</param>
/// <param name="ScoredPositions">How many positions scored above 0; null when the detector gives no position scores.</param>
/// <param name="Positions">The highest-scoring positions, highest first; null when the detector gives no position scores.</param>
public sealed record ExplainedTrace(
    int Rank,
    string TraceId,
    bool IsAttack,
    string? Family,
    double Score,
    int Length,
    int? ScoredPositions,
    IReadOnlyList<DrivingPosition>? Positions);

/// <summary>A position that drove a trace's score, with the calls around it.</summary>
/// <param name="Position">0-based call index; its score belongs to the window or call ending there.</param>
/// <param name="Score">The detector's position score there (stide: 1 = mismatching window; n-gram, LSTM: surprisal in nats).</param>
/// <param name="ContextStart">0-based index of <paramref name="Context"/>'s first call.</param>
/// <param name="Context">The raw syscall numbers around the position (see <see cref="ExplanationProbe"/>).</param>
public sealed record DrivingPosition(int Position, double Score, int ContextStart, int[] Context);
