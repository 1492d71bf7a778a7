using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Probes.Insights;

/// <summary>
/// Explanations for every dataset and detector: the <see cref="TopTraces"/> most anomalous test traces and,
/// where the detector returns position scores, the <see cref="TopPositions"/> positions that drove each score.
/// </summary>
/// <remarks>
/// Ranks by the test scores the runner computed (one sort of the test set), then scores again only the traces it
/// explains, for their position scores: the runner keeps none (for a long trace they cost 8 bytes a call). A
/// trace's score shown is the runner's. Traces are ranked by trace score, highest first, ties in dataset order.
/// Positions are ranked by position score, highest first, ties at the earlier position; positions scored 0 (a
/// matching stide window) explain nothing and are left out, so a trace may list fewer than <see cref="TopPositions"/>.
/// The context of position p is the calls p-<see cref="CallsBefore"/> .. p+<see cref="CallsAfter"/> clipped to the
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

    public ProbeResult Probe(string detector, int seed, IFittedDetector fitted, LabeledDataset dataset, IReadOnlyList<double> testScores)
    {
        if (testScores.Count != dataset.Test.Count)
        {
            throw new ArgumentException($"{testScores.Count} scores for {dataset.Test.Count} test traces.", nameof(testScores));
        }

        var traces = Enumerable.Range(0, testScores.Count)
            .OrderByDescending(i => testScores[i])
            .ThenBy(i => i)
            .Take(TopTraces)
            .Select((i, rank) => Explain(rank + 1, dataset.Test[i], testScores[i], fitted.Score(dataset.Test[i]).PositionScores))
            .ToArray();
        return new ExplanationProbeResult(testScores.Count, traces);
    }

    private ExplainedTrace Explain(int rank, Trace trace, double score, double[]? positions) =>
        new(rank, trace.Id, trace.IsAttack, trace.Family, score, trace.Length,
            positions?.Count(s => s > 0),
            positions is null ? null : DrivingPositions(trace.Calls, positions, TopPositions));

    /// <summary>The <paramref name="count"/> highest positive position scores with their context (see remarks).</summary>
    public static IReadOnlyList<DrivingPosition> DrivingPositions(int[] calls, double[] positionScores, int count)
    {
        if (positionScores.Length != calls.Length)
        {
            throw new ArgumentException($"{positionScores.Length} position scores for a trace of {calls.Length} calls.", nameof(positionScores));
        }

        // One pass keeping the best `count` in a heap whose root is the worst kept (lowest score, then latest position):
        // sorting every positive position took about 16 bytes per mismatch, most of a long attack trace's calls.
        var kept = new PriorityQueue<int, (double Score, int Position)>(count + 1, WorstFirst);
        for (var p = 0; p < positionScores.Length; p++)
        {
            if (positionScores[p] <= 0)
            {
                continue;
            }

            if (kept.Count < count)
            {
                kept.Enqueue(p, (positionScores[p], p));
            }
            else if (WorstFirst.Compare((positionScores[p], p), (positionScores[kept.Peek()], kept.Peek())) > 0)
            {
                kept.EnqueueDequeue(p, (positionScores[p], p));
            }
        }

        var best = new List<int>(kept.Count);
        while (kept.TryDequeue(out var p, out _))
        {
            best.Add(p);
        }

        best.Reverse();
        return best.Select(p =>
            {
                var start = Math.Max(0, p - CallsBefore);
                var end = Math.Min(calls.Length, p + CallsAfter + 1);
                return new DrivingPosition(p, positionScores[p], start, calls[start..end]);
            })
            .ToArray();
    }

    /// <summary>Orders positions worst first: lower score, then (at equal scores) the later position.</summary>
    private static readonly Comparer<(double Score, int Position)> WorstFirst = Comparer<(double Score, int Position)>.Create((a, b) =>
        a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Position.CompareTo(a.Position));
}
