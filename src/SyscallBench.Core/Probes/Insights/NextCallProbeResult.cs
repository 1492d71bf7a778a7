using SyscallBench.Core.Detection;

namespace SyscallBench.Core.Probes.Insights;

/// <summary>What <see cref="NextCallProbe"/> found for one next-call predictor and seed.</summary>
/// <param name="Traces">The chosen test traces: the most anomalous attack, then the typical normal (each when the test set has one).</param>
public sealed record NextCallProbeResult(IReadOnlyList<NextCallTrace> Traces) : ProbeResult(NextCallProbe.ProbeName);

/// <summary>One chosen test trace: the per-call surprisal along (a window of) it and the predictions at selected positions.</summary>
/// <param name="Role"><see cref="NextCallProbe.MostAnomalousAttack"/> or <see cref="NextCallProbe.TypicalNormal"/>.</param>
/// <param name="TraceId">The trace's id in the dataset.</param>
/// <param name="IsAttack">Whether it is an attack.</param>
/// <param name="Family">Its attack family; null for normal traces.</param>
/// <param name="Score">The detector's trace score.</param>
/// <param name="Length">Number of calls in the whole trace.</param>
/// <param name="Start">0-based index of the first call of the stored window.</param>
/// <param name="Calls">The raw syscall numbers of the window (at most <see cref="NextCallProbe.MaxCalls"/>).</param>
/// <param name="Surprisal">-ln p(call | calls before it) for each call of the window, in nats.</param>
/// <param name="Positions">The selected positions: maximum surprisal first, then a typical one.</param>
public sealed record NextCallTrace(
    string Role,
    string TraceId,
    bool IsAttack,
    string? Family,
    double Score,
    int Length,
    int Start,
    int[] Calls,
    double[] Surprisal,
    IReadOnlyList<NextCallPosition> Positions);

/// <summary>The model's next-call distribution at one position, against the call that actually came.</summary>
/// <param name="Kind"><see cref="NextCallProbe.MaximumSurprisal"/> or <see cref="NextCallProbe.TypicalSurprisal"/>.</param>
/// <param name="Position">0-based index of the predicted call; the prefix is every call before it.</param>
/// <param name="Actual">The raw syscall number that came.</param>
/// <param name="Surprisal">The surprisal plotted at this position (see <see cref="NextCallTrace.Surprisal"/>).</param>
/// <param name="ActualProbability">The predictor's p(actual | prefix); the unknown bucket's when the call was never seen in training.</param>
/// <param name="ActualRank">1 + the number of outcomes (unknown bucket included) strictly more probable than the actual call.</param>
/// <param name="ActualUnknown">The actual call was never seen in training (it is the unknown bucket).</param>
/// <param name="Top">The <see cref="NextCallProbe.TopK"/> most probable next calls, most probable first.</param>
public sealed record NextCallPosition(
    string Kind,
    int Position,
    int Actual,
    double Surprisal,
    double ActualProbability,
    int ActualRank,
    bool ActualUnknown,
    IReadOnlyList<NextCallProbability> Top);
