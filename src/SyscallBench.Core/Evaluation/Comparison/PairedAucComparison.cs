namespace SyscallBench.Core.Evaluation.Comparison;

/// <summary>
/// Compares every pair of detectors scored on the same test traces: DeLong's test and a paired stratified
/// bootstrap of the ROC AUC difference, with Holm-adjusted p-values over all the pairs.
/// </summary>
/// <remarks>
/// The bootstrap draws traces (not ranks): each resample draws N normal and P attack traces with
/// replacement, by position in the traces' ordinal id order, with <see cref="EvaluationOptions.BootstrapSeed"/>,
/// and computes every detector's AUC on that draw (<see cref="StratifiedBootstrap.PairedAucs"/>). All
/// pairs share the resamples. Interval level and resample count are the evaluation's. Where the test set holds
/// identical traces, the bootstrap draws whole clusters of them (<see cref="TraceClusters"/>, by
/// <see cref="EvaluationOptions.Bootstrap"/>); DeLong's variance assumes independent traces and is not corrected,
/// so with duplicates the cluster bootstrap is the comparison to read.
/// </remarks>
public static class PairedAucComparison
{
    /// <summary>Every pair (i, j), i before j in the given order; the difference is i's AUC minus j's.</summary>
    /// <exception cref="EvaluationException">The detectors did not score the same traces, a class is missing, or a score is not finite.</exception>
    /// <param name="detectors">Each detector's scores of the same test traces.</param>
    /// <param name="options">Resamples, level, seed, and <see cref="EvaluationOptions.Bootstrap"/>.</param>
    /// <param name="clusters">Groups of identical test traces for the cluster bootstrap; null: none known.</param>
    /// <param name="progress">Told of the paired bootstrap's resamples as they are drawn.</param>
    public static IReadOnlyList<AucComparison> CompareAll(
        IReadOnlyList<(string Detector, IReadOnlyList<ScoredTrace> Scores)> detectors, EvaluationOptions options, TraceClusters? clusters = null,
        IProgress<ResampleProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (detectors.Count < 2)
        {
            return [];
        }

        var paired = PairedScores.Align(detectors);
        var ranked = Enumerable.Range(0, detectors.Count).Select(d => RankedScores.Build(detectors[d].Detector, paired.ScoredTraces(d))).ToArray();
        var aucs = ranked.Select(r => RocCurve.From(r).Auc).ToArray();
        var components = Enumerable.Range(0, detectors.Count).Select(d => DeLongTest.Components.Of(paired, d)).ToArray();
        clusters ??= TraceClusters.None;
        var unit = clusters.Resolve(options.Bootstrap, paired.NormalIds.Concat(paired.AttackIds));
        var replicates = options.BootstrapResamples > 0
            ? StratifiedBootstrap.PairedAucs(ranked,
                StratifiedBootstrap.Strata.Of(ranked, paired.NormalIds, paired.NormalScores, paired.AttackIds, paired.AttackScores,
                    unit == BootstrapUnit.Cluster ? clusters : null),
                options.BootstrapResamples, options.BootstrapSeed, progress)
            : null;

        var pairs = new List<(int A, int B, DeLongResult DeLong, BootstrapDifference? Bootstrap)>();
        for (var a = 0; a < detectors.Count; a++)
        {
            for (var b = a + 1; b < detectors.Count; b++)
            {
                var bootstrap = replicates is null ? null : Bootstrap(replicates[a], replicates[b], options.ConfidenceLevel);
                pairs.Add((a, b, DeLongTest.Compare(aucs[a], aucs[b], components[a], components[b]), bootstrap));
            }
        }

        var deLongHolm = HolmAdjustment.Adjust(pairs.Select(p => p.DeLong.PValue).ToArray());
        var bootstrapHolm = replicates is null ? null : HolmAdjustment.Adjust(pairs.Select(p => p.Bootstrap!.PValue).ToArray());
        return pairs.Select((p, k) => new AucComparison(detectors[p.A].Detector, detectors[p.B].Detector, aucs[p.A], aucs[p.B],
                p.DeLong, deLongHolm[k], p.Bootstrap, bootstrapHolm?[k]) { BootstrapUnit = unit })
            .ToArray();
    }

    private static BootstrapDifference Bootstrap(double[] aucsA, double[] aucsB, double level)
    {
        var differences = new double[aucsA.Length];
        int atMostZero = 0, atLeastZero = 0;
        for (var r = 0; r < differences.Length; r++)
        {
            differences[r] = aucsA[r] - aucsB[r];
            atMostZero += differences[r] <= 0 ? 1 : 0;
            atLeastZero += differences[r] >= 0 ? 1 : 0;
        }

        var p = Math.Min(1.0, 2.0 * Math.Min(atMostZero, atLeastZero) / differences.Length);
        return new BootstrapDifference(StratifiedBootstrap.PercentileInterval(differences, level), p, differences.Length);
    }
}
