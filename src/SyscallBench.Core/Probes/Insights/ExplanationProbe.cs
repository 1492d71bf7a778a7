using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Probes.Insights;

/// <summary>
/// Explanations for every dataset and detector: the <see cref="TopTraces"/> most anomalous test traces and,
/// where the detector returns position scores, the <see cref="TopPositions"/> positions that drove each score.
/// </summary>
/// <remarks>
/// Reuses the test scores the runner computed, so it costs one sort of the test set, never a rescoring.
/// Traces are ranked by trace score, highest first, ties in dataset order. Positions are ranked by position
/// score, highest first, ties at the earlier position; positions scored 0 (a matching stide window)
/// explain nothing and are left out, so a trace may list fewer than <see cref="TopPositions"/>. The context
/// of position p is the calls p-<see cref="CallsBefore"/> .. p+<see cref="CallsAfter"/> clipped to the
/// trace: a position score belongs to the window or call ending at p, so the calls before it are the ones
/// the detector looked at (stide windows up to 7 calls, n-gram orders up to 7), the calls after show where
/// the process went next. Only these few calls are kept, never whole traces.
/// </remarks>
public sealed class ExplanationProbe(int topTraces = 3, int topPositions = 5) : IDetectorProbe
{
    public const string ProbeName = "explanation";

    public const int CallsBefore = 6;

    public const int CallsAfter = 2;

    public string Name => ProbeName;

    public Type ResultType => typeof(ExplanationProbeResult);

    public int TopTraces { get; } = topTraces > 0 ? topTraces : throw new ArgumentOutOfRangeException(nameof(topTraces), "must be positive");

    public int TopPositions { get; } = topPositions > 0 ? topPositions : throw new ArgumentOutOfRangeException(nameof(topPositions), "must be positive");

    public bool AppliesTo(LabeledDataset dataset) => true;

    public ProbeResult Probe(string detector, int seed, IFittedDetector fitted, LabeledDataset dataset, IReadOnlyList<TraceScore> testScores)
    {
        if (testScores.Count != dataset.Test.Count)
        {
            throw new ArgumentException($"{testScores.Count} scores for {dataset.Test.Count} test traces.", nameof(testScores));
        }

        var traces = Enumerable.Range(0, testScores.Count)
            .OrderByDescending(i => testScores[i].Value)
            .ThenBy(i => i)
            .Take(TopTraces)
            .Select((i, rank) => Explain(rank + 1, dataset.Test[i], testScores[i]))
            .ToArray();
        return new ExplanationProbeResult(testScores.Count, traces);
    }

    private ExplainedTrace Explain(int rank, Trace trace, TraceScore score) =>
        new(rank, trace.Id, trace.IsAttack, trace.Family, score.Value, trace.Length,
            score.PositionScores?.Count(s => s > 0),
            score.PositionScores is { } positions ? DrivingPositions(trace.Calls, positions, TopPositions) : null);

    /// <summary>The <paramref name="count"/> highest positive position scores with their context (see remarks).</summary>
    public static IReadOnlyList<DrivingPosition> DrivingPositions(int[] calls, double[] positionScores, int count)
    {
        if (positionScores.Length != calls.Length)
        {
            throw new ArgumentException($"{positionScores.Length} position scores for a trace of {calls.Length} calls.", nameof(positionScores));
        }

        return Enumerable.Range(0, positionScores.Length)
            .Where(p => positionScores[p] > 0)
            .OrderByDescending(p => positionScores[p])
            .ThenBy(p => p)
            .Take(count)
            .Select(p =>
            {
                var start = Math.Max(0, p - CallsBefore);
                var end = Math.Min(calls.Length, p + CallsAfter + 1);
                return new DrivingPosition(p, positionScores[p], start, calls[start..end]);
            })
            .ToArray();
    }
}
