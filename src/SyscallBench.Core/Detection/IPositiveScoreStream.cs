using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection;

/// <summary>
/// A fitted detector that can hand over a trace's positive position scores one at a time, instead of in an array as
/// long as the trace (8 bytes a call): what explaining a long trace reads (<see cref="Probes.Insights.ExplanationProbe"/>).
/// </summary>
public interface IPositiveScoreStream
{
    /// <summary>
    /// Calls <paramref name="positive"/> with (position, score) for every position score above 0, in position order:
    /// those of <see cref="IFittedDetector.Score"/>'s position scores.
    /// </summary>
    void PositivePositions(Trace trace, Action<int, double> positive);
}
