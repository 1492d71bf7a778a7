namespace SyscallBench.Core.Evaluation.OverTime;

/// <summary>Computes the time-aware evaluation from window scores over time (see <see cref="OverTimeEvaluation"/>).</summary>
public static class OverTimeEvaluator
{
    /// <param name="test">The test recordings' window scores.</param>
    /// <param name="validation">Normal recordings' window scores, never fitted on and never tested on: the thresholds' only source.</param>
    /// <param name="options">Budgets and the curve's range.</param>
    /// <param name="window">The windowing, in words.</param>
    /// <param name="thresholdSource">Which recordings <paramref name="validation"/> are, in words.</param>
    /// <exception cref="EvaluationException">No validation windows, no attack recording with a start, no normal time, or a non-finite score.</exception>
    public static OverTimeEvaluation Evaluate(IReadOnlyList<ScoredRecording> test, IReadOnlyList<ScoredRecording> validation,
        OverTimeOptions options, string window, string thresholdSource)
    {
        if (validation.Any(r => r.IsAttack))
        {
            throw new ArgumentException("Validation recordings must all be normal: attacks never set a threshold.", nameof(validation));
        }

        foreach (var recording in test.Concat(validation))
        {
            if (recording.Scores.Any(s => !double.IsFinite(s)))
            {
                throw new EvaluationException($"Recording '{recording.Id}' has a non-finite window score; the time-aware evaluation needs finite scores.");
            }
        }

        var validationScores = validation.SelectMany(r => r.Scores).ToArray();
        var validationHours = validation.Sum(r => r.End - r.Start) / 3600;
        if (validationScores.Length == 0 || !(validationHours > 0))
        {
            throw new EvaluationException($"No validation windows or time ({validationScores.Length} windows, {validationHours} h): thresholds cannot be set.");
        }

        var judged = test.Where(r => !r.IsAttack || r.AttackStart is not null).ToArray();
        var normalHours = judged.Sum(r => r.NormalSeconds) / 3600;
        if (!judged.Any(r => r.IsAttack) || !(normalHours > 0))
        {
            throw new EvaluationException($"The time-aware evaluation needs test attack recordings with a known attack start ({judged.Count(r => r.IsAttack)}) "
                + $"and normal behaviour to count false alarms in ({normalHours} h).");
        }

        var curve = AmocCurve.From(judged);
        var budgets = options.FalseAlarmBudgets
            .Select(b => BudgetThreshold.At(validationScores, validationHours, b))
            .Select(t => new BudgetResult(t, AlarmOutcome.At(test, t.Value)))
            .ToArray();
        return new OverTimeEvaluation(window, thresholdSource, validation.Count, validationHours, validationScores.Length,
            judged.Length, judged.Sum(r => r.Scores.Length), budgets, curve, options.CurveMaxFalseAlarmsPerHour,
            curve.AreaUpTo(options.CurveMaxFalseAlarmsPerHour));
    }
}
