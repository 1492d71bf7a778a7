using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Evaluation;

/// <summary>Computes every metric of the evaluation protocol for one detector's test scores.</summary>
public static class Evaluator
{
    /// <summary>
    /// ROC and precision-recall curves with AUC and AP (identical to scikit-learn), their bootstrap
    /// intervals, operating points at the configured false-alarm rates (thresholds from normal scores only),
    /// the false-alarm rate at the configured detection rate, and per-family detection rates.
    /// </summary>
    /// <remarks>
    /// All scores equal is valid input, not an error: the ROC curve is the diagonal, AUC is 0.5 and AP is the
    /// attack prevalence (attacks / traces), as sklearn returns; every operating point flags nothing.
    /// </remarks>
    /// <exception cref="EvaluationException">No normal or no attack traces, or a NaN or infinite score.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> fail their own validation.</exception>
    /// <param name="detector">The detector's name.</param>
    /// <param name="scores">Its scores of the test traces evaluated.</param>
    /// <param name="options">The evaluation settings; <see cref="EvaluationOptions.Bootstrap"/> with <paramref name="clusters"/> decides the bootstrap unit.</param>
    /// <param name="clusters">Groups of identical test traces; null: none known (every trace its own cluster).</param>
    /// <param name="testSet">Which test traces <paramref name="scores"/> are, recorded on the evaluation.</param>
    /// <param name="bootstrapProgress">Told of the bootstrap's resamples as they are drawn (a long bootstrap takes seconds).</param>
    public static DetectorEvaluation Evaluate(string detector, IReadOnlyList<ScoredTrace> scores, EvaluationOptions options,
        TraceClusters? clusters = null, TestSetProtocol testSet = TestSetProtocol.All, IProgress<ResampleProgress>? bootstrapProgress = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToArray();
        if (problems.Length > 0)
        {
            throw new ArgumentException(
                "Invalid evaluation options: " + string.Join("; ", problems.Select(p => $"{p.Property} {p.Message}")),
                nameof(options));
        }

        var ranked = RankedScores.Build(detector, scores);
        var roc = RocCurve.From(ranked);
        var precisionRecall = PrecisionRecallCurve.From(ranked);
        var operatingPoints = OperatingPoints.ForRanked(ranked, options.FalseAlarmRates);

        ConfidenceInterval? aucInterval = null, averagePrecisionInterval = null;
        var unit = (clusters ?? TraceClusters.None).Resolve(options.Bootstrap, scores.Select(s => s.TraceId));
        if (options.BootstrapResamples > 0)
        {
            var replicates = unit == BootstrapUnit.Cluster
                ? StratifiedBootstrap.Run(ranked, ClusterStrata(ranked, scores, clusters ?? TraceClusters.None), options.BootstrapResamples, options.BootstrapSeed, bootstrapProgress)
                : StratifiedBootstrap.Run(ranked, options.BootstrapResamples, options.BootstrapSeed, bootstrapProgress);
            aucInterval = StratifiedBootstrap.PercentileInterval(replicates.Aucs, options.ConfidenceLevel);
            averagePrecisionInterval = StratifiedBootstrap.PercentileInterval(replicates.AveragePrecisions, options.ConfidenceLevel);
        }

        return new DetectorEvaluation(
            detector,
            ranked.NormalTotal,
            ranked.AttackTotal,
            roc.Auc,
            aucInterval,
            precisionRecall.AveragePrecision,
            averagePrecisionInterval,
            operatingPoints,
            OperatingPoints.AtDetectionRate(roc, options.DetectionRate),
            FamilyBreakdown.Compute(scores, operatingPoints),
            roc,
            precisionRecall)
        {
            NormalFamilies = FamilyBreakdown.ComputeNormal(scores, operatingPoints),
            BootstrapUnit = unit,
            TestSet = testSet,
        };
    }

    /// <summary>The traces of each class in ordinal id order, so the cluster draws do not depend on the input order.</summary>
    private static StratifiedBootstrap.Strata ClusterStrata(RankedScores ranked, IReadOnlyList<ScoredTrace> scores, TraceClusters clusters)
    {
        var normals = scores.Where(s => s.Label == TraceLabel.Normal).OrderBy(s => s.TraceId, StringComparer.Ordinal).ToArray();
        var attacks = scores.Where(s => s.Label == TraceLabel.Attack).OrderBy(s => s.TraceId, StringComparer.Ordinal).ToArray();
        return StratifiedBootstrap.Strata.Of([ranked], normals.Select(s => s.TraceId).ToArray(), [normals.Select(s => s.Score).ToArray()],
            attacks.Select(s => s.TraceId).ToArray(), [attacks.Select(s => s.Score).ToArray()], clusters);
    }
}
