namespace SyscallBench.Core.Evaluation;

/// <summary>
/// Precision and recall of one detector's scores at every distinct score as threshold (flagged when
/// score &gt;= threshold), ordered by decreasing threshold, i.e. increasing recall.
/// </summary>
/// <remarks>
/// The points are scikit-learn's <c>precision_recall_curve</c> in reverse order (sklearn lists thresholds
/// ascending): point 0 is sklearn's end point (recall 0, precision 1), given threshold +infinity here so that
/// all three lists have equal length; then one point per distinct score, highest first.
/// <see cref="AveragePrecision"/> equals sklearn's <c>average_precision_score</c>:
/// AP = sum_n (R_n - R_{n-1}) * P_n over the distinct thresholds, highest first, with R_0 = 0: the precision
/// at each threshold weighted by the recall it adds; no interpolation. Ties form one point. All scores equal
/// gives AP = attack prevalence (attacks / traces), as in sklearn.
/// </remarks>
public sealed class PrecisionRecallCurve
{
    private PrecisionRecallCurve(double[] precisions, double[] recalls, double[] thresholds, double averagePrecision)
    {
        Precisions = precisions;
        Recalls = recalls;
        Thresholds = thresholds;
        AveragePrecision = averagePrecision;
    }

    /// <summary>Attacks among flagged traces at each threshold; 1 at the first point by convention.</summary>
    public IReadOnlyList<double> Precisions { get; }

    /// <summary>Fraction of attacks flagged at each threshold (non-decreasing, 0 to 1).</summary>
    public IReadOnlyList<double> Recalls { get; }

    /// <summary>Decreasing; the first is +infinity (nothing flagged), the others are the distinct scores.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>sklearn's average_precision_score.</summary>
    public double AveragePrecision { get; }

    /// <exception cref="EvaluationException">No normal or no attack traces, or a non-finite score.</exception>
    public static PrecisionRecallCurve Compute(IReadOnlyList<ScoredTrace> scores, string detector = "unnamed") =>
        From(RankedScores.Build(detector, scores));

    internal static PrecisionRecallCurve From(RankedScores ranked)
    {
        var points = ranked.GroupCount + 1;
        var precisions = new double[points];
        var recalls = new double[points];
        var thresholds = new double[points];
        precisions[0] = 1;
        recalls[0] = 0;
        thresholds[0] = double.PositiveInfinity;
        long truePositives = 0, flagged = 0;
        for (var g = 0; g < ranked.GroupCount; g++)
        {
            truePositives += ranked.AttackCounts[g];
            flagged += ranked.AttackCounts[g] + ranked.NormalCounts[g];
            precisions[g + 1] = (double)truePositives / flagged;
            recalls[g + 1] = (double)truePositives / ranked.AttackTotal;
            thresholds[g + 1] = ranked.Values[g];
        }

        var averagePrecision = RankedScores.AveragePrecision(ranked.NormalCounts, ranked.AttackCounts, ranked.AttackTotal);
        return new PrecisionRecallCurve(precisions, recalls, thresholds, averagePrecision);
    }
}
