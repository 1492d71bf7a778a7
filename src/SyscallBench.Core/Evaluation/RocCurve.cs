namespace SyscallBench.Core.Evaluation;

/// <summary>
/// The receiver operating characteristic of one detector's scores, with every distinct score as a
/// threshold (a trace is flagged when score &gt;= threshold).
/// </summary>
/// <remarks>
/// Identical to scikit-learn's <c>roc_curve(y, s, drop_intermediate=False)</c>: point 0 is (0, 0) at
/// threshold +infinity (nothing flagged; sklearn &lt; 1.3 writes max(score) + 1 there, 1.3 and later +inf),
/// then one point per distinct score, highest first, ending at (1, 1). Tied scores form one point, so a
/// run of ties is a diagonal segment, not a staircase that depends on input order.
/// <see cref="Auc"/> equals sklearn's <c>roc_auc_score</c>: the trapezoid area under these points, which is
/// P(attack score &gt; normal score) + P(equal) / 2. All scores equal gives the diagonal and AUC 0.5.
/// </remarks>
public sealed class RocCurve
{
    private RocCurve(double[] falsePositiveRates, double[] truePositiveRates, double[] thresholds, double auc)
    {
        FalsePositiveRates = falsePositiveRates;
        TruePositiveRates = truePositiveRates;
        Thresholds = thresholds;
        Auc = auc;
    }

    /// <summary>Fraction of normal traces flagged at each threshold (non-decreasing, 0 to 1).</summary>
    public IReadOnlyList<double> FalsePositiveRates { get; }

    /// <summary>Fraction of attack traces flagged at each threshold (non-decreasing, 0 to 1).</summary>
    public IReadOnlyList<double> TruePositiveRates { get; }

    /// <summary>Decreasing; the first is +infinity (nothing flagged), the others are the distinct scores.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Area under the curve (sklearn's roc_auc_score).</summary>
    public double Auc { get; }

    /// <exception cref="EvaluationException">No normal or no attack traces, or a non-finite score.</exception>
    public static RocCurve Compute(IReadOnlyList<ScoredTrace> scores, string detector = "unnamed") =>
        From(RankedScores.Build(detector, scores));

    internal static RocCurve From(RankedScores ranked)
    {
        var points = ranked.GroupCount + 1;
        var fpr = new double[points];
        var tpr = new double[points];
        var thresholds = new double[points];
        thresholds[0] = double.PositiveInfinity;
        long falsePositives = 0, truePositives = 0;
        for (var g = 0; g < ranked.GroupCount; g++)
        {
            falsePositives += ranked.NormalCounts[g];
            truePositives += ranked.AttackCounts[g];
            fpr[g + 1] = (double)falsePositives / ranked.NormalTotal;
            tpr[g + 1] = (double)truePositives / ranked.AttackTotal;
            thresholds[g + 1] = ranked.Values[g];
        }

        var auc = RankedScores.Auc(ranked.NormalCounts, ranked.AttackCounts, ranked.NormalTotal, ranked.AttackTotal);
        return new RocCurve(fpr, tpr, thresholds, auc);
    }
}
