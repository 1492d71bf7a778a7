using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Evaluation.Comparison;

/// <summary>
/// Several detectors' scores of the same test traces, lined up trace by trace: normals, then attacks, each
/// in ordinal trace-id order. Sorting by id (not taking the input order) makes every paired statistic,
/// including the seeded bootstrap, independent of the order the scores were listed in.
/// </summary>
internal sealed class PairedScores
{
    private PairedScores(IReadOnlyList<string> detectors, string[] normalIds, string[] attackIds, double[][] normalScores, double[][] attackScores)
    {
        Detectors = detectors;
        NormalIds = normalIds;
        AttackIds = attackIds;
        NormalScores = normalScores;
        AttackScores = attackScores;
    }

    public IReadOnlyList<string> Detectors { get; }

    /// <summary>The normal traces' ids, in the shared order.</summary>
    public IReadOnlyList<string> NormalIds { get; }

    /// <summary>The attack traces' ids, in the shared order.</summary>
    public IReadOnlyList<string> AttackIds { get; }

    /// <summary>Per detector, the score of each normal trace, in the shared order.</summary>
    public double[][] NormalScores { get; }

    /// <summary>Per detector, the score of each attack trace, in the shared order.</summary>
    public double[][] AttackScores { get; }

    public int NormalCount => NormalScores[0].Length;

    public int AttackCount => AttackScores[0].Length;

    /// <exception cref="EvaluationException">The detectors did not score the same traces with the same labels, or a trace id repeats.</exception>
    public static PairedScores Align(IReadOnlyList<(string Detector, IReadOnlyList<ScoredTrace> Scores)> detectors)
    {
        if (detectors.Count == 0)
        {
            throw new ArgumentException("Need at least one detector.", nameof(detectors));
        }

        var (firstName, firstScores) = detectors[0];
        var labels = new Dictionary<string, TraceLabel>(StringComparer.Ordinal);
        foreach (var trace in firstScores)
        {
            if (!labels.TryAdd(trace.TraceId, trace.Label))
            {
                throw new EvaluationException($"Detector '{firstName}' scored trace '{trace.TraceId}' twice; a paired comparison needs one score per trace.");
            }
        }

        var normals = labels.Where(l => l.Value == TraceLabel.Normal).Select(l => l.Key).Order(StringComparer.Ordinal).ToArray();
        var attacks = labels.Where(l => l.Value == TraceLabel.Attack).Select(l => l.Key).Order(StringComparer.Ordinal).ToArray();
        var normalScores = new double[detectors.Count][];
        var attackScores = new double[detectors.Count][];
        for (var d = 0; d < detectors.Count; d++)
        {
            var (name, scores) = detectors[d];
            var byId = new Dictionary<string, ScoredTrace>(StringComparer.Ordinal);
            foreach (var trace in scores)
            {
                if (!labels.TryGetValue(trace.TraceId, out var label) || label != trace.Label || !byId.TryAdd(trace.TraceId, trace))
                {
                    throw new EvaluationException(
                        $"Detectors '{firstName}' and '{name}' were not scored on the same test traces (trace '{trace.TraceId}'); "
                        + "paired comparisons need identical test sets.");
                }
            }

            if (byId.Count != labels.Count)
            {
                throw new EvaluationException(
                    $"Detector '{name}' scored {byId.Count} traces, '{firstName}' {labels.Count}; paired comparisons need identical test sets.");
            }

            normalScores[d] = normals.Select(id => byId[id].Score).ToArray();
            attackScores[d] = attacks.Select(id => byId[id].Score).ToArray();
        }

        return new PairedScores(detectors.Select(d => d.Detector).ToArray(), normals, attacks, normalScores, attackScores);
    }

    /// <summary>Detector <paramref name="d"/>'s scores as evaluation input, in the shared order.</summary>
    public IReadOnlyList<ScoredTrace> ScoredTraces(int d) =>
        NormalScores[d].Select((s, i) => new ScoredTrace($"normal/{i}", TraceLabel.Normal, null, s))
            .Concat(AttackScores[d].Select((s, i) => new ScoredTrace($"attack/{i}", TraceLabel.Attack, null, s)))
            .ToArray();
}
