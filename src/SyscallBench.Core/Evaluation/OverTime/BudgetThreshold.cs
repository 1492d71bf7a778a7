namespace SyscallBench.Core.Evaluation.OverTime;

/// <summary>An alarm threshold set on validation recordings for a false-alarm budget.</summary>
/// <param name="Budget">False alarms per hour allowed on validation; 0 is LID-DS's rule.</param>
/// <param name="Value">A window alarms when it scores strictly above this.</param>
/// <param name="ValidationFalseAlarmsPerHour">Validation windows above <paramref name="Value"/> per hour of validation: at most the budget.</param>
public sealed record BudgetThreshold(double Budget, double Value, double ValidationFalseAlarmsPerHour)
{
    /// <summary>
    /// The threshold of a budget from validation (normal) window scores only: the smallest validation score τ such that the
    /// validation windows scoring strictly above τ are at most <paramref name="budget"/> per hour of validation recording;
    /// windows tied at τ do not alarm. Budget 0 gives the highest validation score: LID-DS's MaxScoreThreshold, whose
    /// detector raises an alarm when a score is above the highest one seen on validation data.
    /// </summary>
    /// <param name="validationScores">Every validation window's score.</param>
    /// <param name="validationHours">Hours of validation recording the windows came from.</param>
    /// <param name="budget">False alarms per hour, 0 or more.</param>
    public static BudgetThreshold At(IReadOnlyList<double> validationScores, double validationHours, double budget)
    {
        if (validationScores.Count == 0 || !(validationHours > 0))
        {
            throw new ArgumentException("A threshold needs validation windows and validation time.", nameof(validationScores));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        var sorted = validationScores.OrderDescending().ToArray();
        var chosen = sorted[0];
        var chosenAbove = 0;
        var i = 0;
        while (i < sorted.Length)
        {
            // i = how many scores lie strictly above sorted[i]; division, as in OperatingPoints, so exact ratios match the literal.
            if (i / validationHours > budget)
            {
                break;
            }

            chosen = sorted[i];
            chosenAbove = i;
            while (i < sorted.Length && sorted[i] == chosen)
            {
                i++;
            }
        }

        return new BudgetThreshold(budget, chosen, chosenAbove / validationHours);
    }
}
