using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Evaluation.OverTime;

/// <summary>
/// Exact answers on tiny hand-made recordings. Validation: two normal half hours, window scores {0.1, 0.5, 0.2} and
/// {0.3, 0.5}. Test: a normal hour and two 20-minute attack recordings, attacks at 600 s and 1000 s (normal time
/// 1 h + 600 s + 1000 s = 13/9 h), and an attack without a known start, which is left out.
/// </summary>
public sealed class OverTimeMetricsTests
{
    private static readonly ScoredRecording[] Validation =
    [
        new("v1", TraceLabel.Normal, null, 0, 1800, null, [100, 200, 300], [0.1, 0.5, 0.2]),
        new("v2", TraceLabel.Normal, null, 0, 1800, null, [50, 60], [0.3, 0.5]),
    ];

    private static readonly ScoredRecording[] Test =
    [
        new("n1", TraceLabel.Normal, null, 0, 3600, null, [10, 20, 30, 40, 50], [0.6, 0.7, 0.1, 0.8, 0.4]),
        new("a1", TraceLabel.Attack, "x", 0, 1200, 600, [100, 500, 550, 650, 700, 900], [0.6, 0.1, 0.9, 0.2, 0.95, 0.7]),
        new("a2", TraceLabel.Attack, "x", 0, 1200, 1000, [200, 1150], [0.35, 0.4]),
        new("a3", TraceLabel.Attack, "x", 0, 1200, null, [100], [99.0]),
    ];

    private const double NormalHours = 13.0 / 9;

    [Theory]
    [InlineData(0, 0.5, 0)]
    [InlineData(1, 0.5, 0)]
    [InlineData(2, 0.3, 2)]
    [InlineData(3, 0.2, 3)]
    public void GivenValidationScores_WhenABudgetSetsTheThreshold_ThenItIsTheSmallestScoreKeepingAlarmsPerHourWithinIt(double budget, double threshold, double achieved)
    {
        // When
        var result = BudgetThreshold.At(Validation.SelectMany(r => r.Scores).ToArray(), 1.0, budget);

        // Then
        Assert.Equal(threshold, result.Value);
        Assert.Equal(achieved, result.ValidationFalseAlarmsPerHour);
    }

    [Fact]
    public void GivenTheHighestValidationScoreAsThreshold_WhenAlarmsAreCounted_ThenDetectionLatencyFalseAlarmsAndLidDsMetricsAreExact()
    {
        // When
        var outcome = AlarmOutcome.At(Test, 0.5);

        // Then: a1 detected at 700 s (100 s late); a2's windows stay below; false alarms: n1 0.6 0.7 | 0.8, a1 0.6 | 0.9
        Assert.Equal(2, outcome.AttackRecordings);
        Assert.Equal(1, outcome.Detected);
        Assert.Equal(0.5, outcome.DetectionRate);
        Assert.Equal([100.0], outcome.Latencies);
        Assert.Equal(100, outcome.LatencyMedian);
        Assert.Equal(5, outcome.FalseAlarms);
        Assert.Equal(NormalHours, outcome.NormalHours, 12);
        Assert.Equal(5 / NormalHours, outcome.FalseAlarmsPerHour, 12);
        Assert.Equal(2, outcome.ConsecutiveFalseAlarmsNormal);
        Assert.Equal(2, outcome.ConsecutiveFalseAlarmsAttack);
        Assert.Equal(1.0 / 5, outcome.PrecisionCfa, 12);
        Assert.Equal(2.0 / 7, outcome.F1Cfa, 12);
    }

    [Fact]
    public void GivenALowerThreshold_WhenAlarmsAreCounted_ThenBothAttacksAreDetectedWithTheirLatencies()
    {
        // When
        var outcome = AlarmOutcome.At(Test, 0.3);

        // Then: a2's 0.35 at 200 s is a false alarm (before 1000 s), its 0.4 at 1150 s detects it 150 s late
        Assert.Equal(2, outcome.Detected);
        Assert.Equal([100.0, 150.0], outcome.Latencies);
        Assert.Equal(125, outcome.LatencyMedian);
        Assert.Equal(145, outcome.LatencyP90!.Value, 12);
        Assert.Equal(7, outcome.FalseAlarms);
        Assert.Equal(2, outcome.ConsecutiveFalseAlarmsNormal);
        Assert.Equal(3, outcome.ConsecutiveFalseAlarmsAttack);
        Assert.Equal(2.0 / 7, outcome.PrecisionCfa, 12);
        Assert.Equal(4.0 / 9, outcome.F1Cfa, 12);
    }

    [Fact]
    public void GivenTheTestRecordings_WhenTheCurveIsBuilt_ThenItsCornersAndAreaAreExact()
    {
        // When
        var curve = AmocCurve.From(Test);

        // Then: 0.95 detects a1 with no false alarm; at 0.4 a2 too, after 6 false alarms; all 9 at the end
        double[] falseAlarms = [0, 0, 6 / NormalHours, 9 / NormalHours];
        Assert.Equal(falseAlarms.Length, curve.FalseAlarmsPerHour.Count);
        for (var i = 0; i < falseAlarms.Length; i++)
        {
            Assert.Equal(falseAlarms[i], curve.FalseAlarmsPerHour[i], 12);
        }

        Assert.Equal([0, 0.5, 1, 1], curve.DetectionRates);
        Assert.Equal([double.PositiveInfinity, 0.95, 0.4, 0.1], curve.Thresholds);
        Assert.Equal(103.0 / 130, curve.AreaUpTo(10), 12);
        Assert.Equal(0.5, curve.AreaUpTo(2), 12);
    }

    [Fact]
    public void GivenValidationAndTest_WhenEvaluated_ThenEachBudgetUsesItsValidationThresholdOnTheTestRecordings()
    {
        // Given
        var options = new OverTimeOptions { FalseAlarmBudgets = [0, 2], CurveMaxFalseAlarmsPerHour = 10 };

        // When
        var evaluation = OverTimeEvaluator.Evaluate(Test, Validation, options, "100 calls", "validation recordings");

        // Then
        Assert.Equal([0.5, 0.3], evaluation.Budgets.Select(b => b.Threshold.Value));
        Assert.Equal([0.5, 1.0], evaluation.Budgets.Select(b => b.Outcome.DetectionRate));
        Assert.Equal(0.5, evaluation.Default.Outcome.DetectionRate);
        Assert.Equal((2, 1.0, 5), (evaluation.ValidationRecordings, evaluation.ValidationHours, evaluation.ValidationWindows));
        Assert.Equal((3, 13), (evaluation.TestRecordings, evaluation.TestWindows));
        Assert.Equal(103.0 / 130, evaluation.CurveArea, 12);
    }

    [Fact]
    public void GivenAnAttackAmongTheValidationRecordings_WhenEvaluated_ThenItIsRefused()
    {
        // When
        var error = Assert.Throws<ArgumentException>(() =>
            OverTimeEvaluator.Evaluate(Test, [.. Validation, Test[1]], new OverTimeOptions(), "w", "v"));

        // Then
        Assert.Contains("attacks never set a threshold", error.Message);
    }

    [Fact]
    public void GivenNoValidationWindows_WhenEvaluated_ThenTheErrorSaysThresholdsCannotBeSet()
    {
        // When
        var error = Assert.Throws<EvaluationException>(() => OverTimeEvaluator.Evaluate(Test, [], new OverTimeOptions(), "w", "v"));

        // Then
        Assert.Contains("thresholds cannot be set", error.Message);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.9, 3.7)]
    [InlineData(new[] { 4.0, 1, 3, 2, 10 }, 0.9, 7.6)]
    [InlineData(new[] { 7.0 }, 0.9, 7)]
    public void GivenValues_WhenAQuantileIsTaken_ThenItEqualsNumpysDefault(double[] values, double q, double expected)
    {
        // Then: numpy.quantile(values, q) with the default linear method
        Assert.Equal(expected, Quantiles.Linear(values, q)!.Value, 12);
    }

    [Fact]
    public void GivenManyWindows_WhenDownsampled_ThenEachSliceKeepsItsHighestWindowAtItsOwnTime()
    {
        // Given: 1,000 windows over 100 s, one spike at 42.05 s
        var ends = Enumerable.Range(0, 1000).Select(i => i * 0.1).ToArray();
        var scores = ends.Select(t => Math.Abs(t - 42.0) < 1e-9 ? 5.0 : 0.1).ToArray();
        ends[420] = 42.05;

        // When
        var (times, kept) = TimelineSeries.Downsample(ends, scores, 0, 100, maxPoints: 100);

        // Then
        Assert.Equal(100, times.Length);
        Assert.Equal(5.0, kept.Max());
        Assert.Equal(42.05, times[Array.IndexOf(kept, 5.0)]);
    }
}
