namespace SyscallBench.Core.Probes.Generalization;

/// <summary>A threshold set on the training normals' own scores, for probes (the evaluation sets its thresholds on test normals).</summary>
/// <param name="TargetFalseAlarmRate">α: the largest share of training normals allowed above the threshold.</param>
/// <param name="Value">τ: a trace is flagged when its score is strictly greater.</param>
/// <param name="AchievedFalseAlarmRate">The share of training normals scoring above τ (at most α).</param>
public sealed record TrainingThreshold(double TargetFalseAlarmRate, double Value, double AchievedFalseAlarmRate)
{
    public bool Flags(double score) => score > Value;

    /// <summary>
    /// The rule of <see cref="Evaluation.OperatingPoints.AtFalseAlarmRates"/>, applied to normal scores
    /// alone: τ is the smallest normal score such that the share of normal scores strictly above it is at
    /// most α; scores tied at τ are not flagged, so the achieved rate is at most α (below it with ties).
    /// </summary>
    public static TrainingThreshold At(IReadOnlyList<double> normalScores, double targetFalseAlarmRate)
    {
        ArgumentOutOfRangeException.ThrowIfZero(normalScores.Count, nameof(normalScores));
        if (!(targetFalseAlarmRate > 0 && targetFalseAlarmRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetFalseAlarmRate), targetFalseAlarmRate, "must lie strictly between 0 and 1");
        }

        if (normalScores.Any(s => !double.IsFinite(s)))
        {
            throw new ArgumentException("Scores must be finite.", nameof(normalScores));
        }

        // Walk the distinct scores from the highest down; `above` counts scores strictly greater than the
        // current one. Like OperatingPoints: division, so 1/100 compares equal to the literal 0.01.
        var sorted = normalScores.OrderDescending().ToArray();
        var chosen = sorted[0];
        var chosenAbove = 0;
        var i = 0;
        while (i < sorted.Length)
        {
            var value = sorted[i];
            if ((double)i / sorted.Length > targetFalseAlarmRate)
            {
                break;
            }

            chosen = value;
            chosenAbove = i;
            while (i < sorted.Length && sorted[i] == value)
            {
                i++;
            }
        }

        return new TrainingThreshold(targetFalseAlarmRate, chosen, (double)chosenAbove / sorted.Length);
    }
}
