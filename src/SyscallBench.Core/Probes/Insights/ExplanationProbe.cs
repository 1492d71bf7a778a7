using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Probes.Insights;

/// <summary>
/// Explanations for every dataset and detector: the <see cref="TopTraces"/> most anomalous test traces and,
/// where the detector returns position scores, the <see cref="TopPositions"/> positions that drove each score.
/// </summary>
/// <remarks>
/// Ranks by the test scores the runner computed (one sort of the test set), then reads the position scores of the
/// traces it explains: streamed by detectors that can (<see cref="IPositiveScoreStream"/>: stide, t-stide), else by
/// scoring the trace again (the runner keeps none: for a long trace they cost 8 bytes a call). A trace's score shown
/// is the runner's. Traces are ranked by trace score, highest first, ties in dataset order.
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
            .Select((i, rank) => Explain(rank + 1, dataset.Test[i], testScores[i], fitted))
            .ToArray();
        return new ExplanationProbeResult(testScores.Count, traces);
    }

    /// <summary>A detector that streams its positive position scores does so (stide, t-stide); others score the trace again.</summary>
    private ExplainedTrace Explain(int rank, Trace trace, double score, IFittedDetector fitted)
    {
        var top = new PositionRanking(TopPositions);
        if (fitted.As<IPositiveScoreStream>() is { } stream)
        {
            stream.PositivePositions(trace, top.Add);
        }
        else if (fitted.Score(trace).PositionScores is { } positions)
        {
            top.AddAll(trace.Calls, positions);
        }
        else
        {
            return new(rank, trace.Id, trace.IsAttack, trace.Family, score, trace.Length, null, null);
        }

        return new(rank, trace.Id, trace.IsAttack, trace.Family, score, trace.Length, top.Positive, top.WithContext(trace.Calls));
    }

    /// <summary>The <paramref name="count"/> highest positive position scores with their context (see remarks).</summary>
    public static IReadOnlyList<DrivingPosition> DrivingPositions(int[] calls, double[] positionScores, int count)
    {
        var top = new PositionRanking(count);
        top.AddAll(calls, positionScores);
        return top.WithContext(calls);
    }

    /// <summary>
    /// The highest positive position scores seen, in one pass: a heap of <c>count</c> whose root is the worst kept (lowest
    /// score, then latest position). Sorting every positive position took about 16 bytes per mismatch of a long trace.
    /// </summary>
    private sealed class PositionRanking(int count)
    {
        private static readonly Comparer<(double Score, int Position)> WorstFirst = Comparer<(double Score, int Position)>.Create((a, b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Position.CompareTo(a.Position));

        private readonly PriorityQueue<(double Score, int Position), (double Score, int Position)> _kept = new(count + 1, WorstFirst);

        /// <summary>Positive position scores seen.</summary>
        public int Positive { get; private set; }

        public void Add(int position, double score)
        {
            if (score <= 0)
            {
                return;
            }

            Positive++;
            if (_kept.Count < count)
            {
                _kept.Enqueue((score, position), (score, position));
            }
            else if (WorstFirst.Compare((score, position), _kept.Peek()) > 0)
            {
                _kept.EnqueueDequeue((score, position), (score, position));
            }
        }

        public void AddAll(int[] calls, double[] positionScores)
        {
            if (positionScores.Length != calls.Length)
            {
                throw new ArgumentException($"{positionScores.Length} position scores for a trace of {calls.Length} calls.", nameof(positionScores));
            }

            for (var p = 0; p < positionScores.Length; p++)
            {
                Add(p, positionScores[p]);
            }
        }

        /// <summary>The kept positions, best first, each with its context of calls.</summary>
        public IReadOnlyList<DrivingPosition> WithContext(int[] calls) =>
            _kept.UnorderedItems.Select(item => item.Element)
                .OrderByDescending(p => p.Score).ThenBy(p => p.Position)
                .Select(p =>
                {
                    var start = Math.Max(0, p.Position - CallsBefore);
                    var end = Math.Min(calls.Length, p.Position + CallsAfter + 1);
                    return new DrivingPosition(p.Position, p.Score, start, calls[start..end]);
                })
                .ToArray();
    }
}
