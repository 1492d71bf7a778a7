namespace SyscallBench.Core.Evaluation.OverTime;

/// <summary>
/// The activity monitoring operating characteristic (Fawcett and Provost, "Activity monitoring: noticing interesting
/// changes in behavior", KDD 1999): the detection rate against false alarms per hour of normal behaviour, over every
/// threshold. Like the ROC curve it reads the test labels and chooses nothing; the thresholds used for numbers come
/// from validation recordings (<see cref="BudgetThreshold"/>).
/// </summary>
/// <remarks>
/// <para>Point k flags every window scoring at least <see cref="Thresholds"/>[k]: x = false alarms (windows in normal
/// recordings or ending before the attack) per normal hour, y = share of attack recordings with a window at or after the
/// attack start scoring that much. The curve starts at (0, 0) (threshold +∞) and keeps, for each detection rate reached,
/// its first point (the fewest false alarms giving it) and the last point of all (every window flagged): the corners of
/// the step function DR(x) = the best detection rate with at most x false alarms per hour, which is all a monitor can
/// choose from. Ties in score move together, as in the ROC curve.</para>
/// <para><see cref="AreaUpTo"/> integrates that step function from 0 to a budget B and divides by B: 1 means every attack
/// detected without a single false alarm, 0 nothing detected below B false alarms per hour.</para>
/// </remarks>
public sealed record AmocCurve(IReadOnlyList<double> FalseAlarmsPerHour, IReadOnlyList<double> DetectionRates, IReadOnlyList<double> Thresholds)
{
    /// <exception cref="ArgumentException">No attack recordings with a known start, or no normal time observed.</exception>
    public static AmocCurve From(IReadOnlyList<ScoredRecording> test)
    {
        var judged = test.Where(r => !r.IsAttack || r.AttackStart is not null).ToArray();
        var attacks = judged.Count(r => r.IsAttack);
        var normalHours = judged.Sum(r => r.NormalSeconds) / 3600;
        if (attacks == 0 || !(normalHours > 0))
        {
            throw new ArgumentException($"The curve needs attack recordings with a known start ({attacks}) and normal time ({normalHours} h).", nameof(test));
        }

        // Each false-alarm window, and each attack recording's best score at or after its start, as (score, is detection).
        var events = new List<(double Score, bool Detection)>();
        foreach (var recording in judged)
        {
            var best = double.NegativeInfinity;
            for (var w = 0; w < recording.Scores.Length; w++)
            {
                if (recording.IsBeforeAttack(w))
                {
                    events.Add((recording.Scores[w], false));
                }
                else
                {
                    best = Math.Max(best, recording.Scores[w]);
                }
            }

            if (recording.IsAttack && best > double.NegativeInfinity)
            {
                events.Add((best, true));
            }
        }

        events.Sort((a, b) => b.Score.CompareTo(a.Score));
        var x = new List<double> { 0 };
        var y = new List<double> { 0 };
        var thresholds = new List<double> { double.PositiveInfinity };
        long falseAlarms = 0;
        var detected = 0;
        for (var i = 0; i < events.Count;)
        {
            var value = events[i].Score;
            for (; i < events.Count && events[i].Score == value; i++)
            {
                _ = events[i].Detection ? detected++ : falseAlarms++;
            }

            var rate = (double)detected / attacks;
            var isLast = i == events.Count;
            if (rate > y[^1] || isLast)
            {
                x.Add(falseAlarms / normalHours);
                y.Add(rate);
                thresholds.Add(value);
            }
        }

        return new AmocCurve(x, y, thresholds);
    }

    /// <summary>∫ DR(x) dx from 0 to <paramref name="maxFalseAlarmsPerHour"/>, divided by it (see remarks).</summary>
    public double AreaUpTo(double maxFalseAlarmsPerHour)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFalseAlarmsPerHour);
        var area = 0.0;
        for (var k = 0; k < FalseAlarmsPerHour.Count && FalseAlarmsPerHour[k] < maxFalseAlarmsPerHour; k++)
        {
            var next = k + 1 < FalseAlarmsPerHour.Count ? Math.Min(FalseAlarmsPerHour[k + 1], maxFalseAlarmsPerHour) : maxFalseAlarmsPerHour;
            area += DetectionRates[k] * (next - FalseAlarmsPerHour[k]);
        }

        return area / maxFalseAlarmsPerHour;
    }
}
