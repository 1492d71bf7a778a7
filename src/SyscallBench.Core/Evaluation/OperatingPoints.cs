namespace SyscallBench.Core.Evaluation;

/// <summary>Thresholded read-outs of one detector's scores: detection at fixed false-alarm rates and vice versa.</summary>
/// <remarks>
/// <para>
/// Detection rate at a target false-alarm rate α (<see cref="AtFalseAlarmRates"/>): the threshold is chosen
/// from the NORMAL scores only, so attack labels never pick it. τ is the smallest value among the normal
/// scores such that the fraction of normal traces with score &gt; τ is at most α; a trace is flagged when its
/// score is strictly greater than τ. When α is below 1/N (N normal traces) only the maximum normal score
/// qualifies, so τ = max normal score and nothing normal is flagged. Traces tied at τ are never flagged, so
/// the achieved false-alarm rate is at most α and is reported beside it: with heavily tied scores (STIDE
/// gives many normal traces the same score, often 0) it can be far below α, and the detection rate is the
/// one at that achieved rate. No interpolation between thresholds is done.
/// </para>
/// <para>
/// False-alarm rate at a target detection rate (<see cref="AtDetectionRate"/>): a read-out of the ROC curve,
/// which uses the attack labels by definition: the smallest false-alarm rate among the ROC thresholds whose
/// detection rate (flagging score &gt;= threshold) is at least the target, i.e. the first such point going
/// down the thresholds. It describes the curve; it is not a threshold to be used for anything else.
/// </para>
/// </remarks>
public static class OperatingPoints
{
    /// <summary>One operating point per target false-alarm rate, in the order given.</summary>
    /// <exception cref="EvaluationException">No normal or no attack traces, or a non-finite score.</exception>
    public static IReadOnlyList<OperatingPoint> AtFalseAlarmRates(
        IReadOnlyList<ScoredTrace> scores, IReadOnlyList<double> targetFalseAlarmRates, string detector = "unnamed") =>
        ForRanked(RankedScores.Build(detector, scores), targetFalseAlarmRates);

    /// <summary>Reads the ROC curve at a target detection rate (see remarks).</summary>
    public static DetectionOperatingPoint AtDetectionRate(RocCurve roc, double targetDetectionRate)
    {
        ArgumentNullException.ThrowIfNull(roc);
        RequireOpenUnitInterval(targetDetectionRate, nameof(targetDetectionRate));

        // Both rates are non-decreasing along the curve, so the first point reaching the target detection
        // rate has the smallest false-alarm rate among all that reach it. The last point has rate 1.
        for (var i = 0; i < roc.TruePositiveRates.Count; i++)
        {
            if (roc.TruePositiveRates[i] >= targetDetectionRate)
            {
                return new DetectionOperatingPoint(
                    targetDetectionRate, roc.Thresholds[i], roc.FalsePositiveRates[i], roc.TruePositiveRates[i]);
            }
        }

        throw new InvalidOperationException("A ROC curve ends at detection rate 1, so some point reaches any target below 1.");
    }

    internal static IReadOnlyList<OperatingPoint> ForRanked(RankedScores ranked, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var points = new OperatingPoint[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            RequireOpenUnitInterval(targets[i], nameof(targets));
            points[i] = AtFalseAlarmRate(ranked, targets[i]);
        }

        return points;
    }

    private static OperatingPoint AtFalseAlarmRate(RankedScores ranked, double target)
    {
        // Walk the distinct scores from the highest down. At group g, normalsAbove/attacksAbove count the
        // traces scoring strictly more than Values[g]: those flagged by threshold τ = Values[g]. The count
        // of normals above only grows going down, so the last normal-score group that still satisfies the
        // target is the smallest qualifying τ. The highest normal score always qualifies (nothing above it).
        var chosen = -1;
        long chosenNormalsAbove = 0, chosenAttacksAbove = 0;
        long normalsAbove = 0, attacksAbove = 0;
        for (var g = 0; g < ranked.GroupCount; g++)
        {
            if (ranked.NormalCounts[g] > 0)
            {
                // Division, not normalsAbove <= target * N: an exact fraction equal to a decimal target
                // (e.g. 1/100 vs 0.01) rounds to the same double as the target literal.
                if ((double)normalsAbove / ranked.NormalTotal > target)
                {
                    break;
                }

                chosen = g;
                chosenNormalsAbove = normalsAbove;
                chosenAttacksAbove = attacksAbove;
            }

            normalsAbove += ranked.NormalCounts[g];
            attacksAbove += ranked.AttackCounts[g];
        }

        return new OperatingPoint(
            target,
            ranked.Values[chosen],
            (double)chosenNormalsAbove / ranked.NormalTotal,
            (double)chosenAttacksAbove / ranked.AttackTotal);
    }

    private static void RequireOpenUnitInterval(double rate, string name)
    {
        if (!(rate > 0 && rate < 1))
        {
            throw new ArgumentOutOfRangeException(name, rate, "Rates must lie strictly between 0 and 1.");
        }
    }
}
