using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.Verdict;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Evaluation.Verdict;

public sealed class VerdictBuilderTests
{
    private static readonly EvaluationOptions Options = new() { FalseAlarmRates = [0.1], DetectionRate = 0.5, BootstrapResamples = 0 };

    /// <summary>Four normals scored 0..3 and four attacks scored by <paramref name="attackScores"/>.</summary>
    private static DetectorEvaluation Evaluate(string name, params double[] attackScores)
    {
        var scores = Enumerable.Range(0, 4).Select(i => new ScoredTrace($"n{i}", TraceLabel.Normal, null, i))
            .Concat(attackScores.Select((s, i) => new ScoredTrace($"a{i}", TraceLabel.Attack, "F", s)))
            .ToArray();
        return Evaluator.Evaluate(name, scores, Options);
    }

    [Fact]
    public void GivenThreeDetectors_WhenJudged_ThenEachCriterionNamesTheBestAndTheRunnerUp()
    {
        var perfect = Evaluate("perfect", 10, 11, 12, 13); // AUC 1
        var half = Evaluate("half", 10, 11, -1, -2);       // AUC 0.5
        var worst = Evaluate("worst", -1, -2, -3, -4);     // AUC 0

        var lines = VerdictBuilder.Build([("perfect", perfect), ("half", half), ("worst", worst)], Options.FalseAlarmRates, Options.DetectionRate);

        Assert.Equal(["overall (ROC AUC)", "average precision", "detection at 10% false alarms", "false alarms at 50% detection"], lines.Select(l => l.Criterion));
        Assert.Equal([(VerdictMetrics.RocAuc, (double?)null), (VerdictMetrics.AveragePrecision, null), (VerdictMetrics.DetectionRate, 0.1), (VerdictMetrics.FalseAlarmRate, 0.5)],
            lines.Select(l => (l.Metric, l.At)));
        var overall = lines[0];
        Assert.Equal(["perfect"], overall.Best);
        Assert.Equal(1.0, overall.BestValue);
        Assert.Equal(["half"], overall.RunnerUp);
        Assert.Equal(0.5, overall.RunnerUpValue);
        Assert.Null(overall.IntervalsOverlap); // bootstrap disabled
        Assert.False(overall.IsRate);

        // Lower is better for false alarms: perfect needs none to detect half the attacks.
        var falseAlarms = lines[3];
        Assert.Equal(["perfect", "half"], falseAlarms.Best);
        Assert.Equal(0.0, falseAlarms.BestValue);
        Assert.Equal(["worst"], falseAlarms.RunnerUp);
        Assert.True(falseAlarms.IsRate);
    }

    [Fact]
    public void GivenConfidenceIntervals_WhenJudged_ThenOverlapIsReportedBothWays()
    {
        var best = Evaluate("best", 10, 11, 12, 13) with { RocAucCi = new ConfidenceInterval(0.90, 1.0, 0.95) };
        var close = Evaluate("close", 10, 11, 12, -1) with { RocAucCi = new ConfidenceInterval(0.70, 0.91, 0.95) };
        var far = Evaluate("far", 10, 11, 12, -1) with { RocAucCi = new ConfidenceInterval(0.70, 0.89, 0.95) };

        Assert.True(VerdictBuilder.Build([("best", best), ("close", close)], [0.1], 0.5)[0].IntervalsOverlap);
        Assert.False(VerdictBuilder.Build([("best", best), ("far", far)], [0.1], 0.5)[0].IntervalsOverlap);
    }

    [Fact]
    public void GivenOneDetector_WhenJudged_ThenThereIsNoRunnerUp()
    {
        var line = VerdictBuilder.Build([("only", Evaluate("only", 10, 11, 12, 13))], [0.1], 0.5)[0];

        Assert.Equal(["only"], line.Best);
        Assert.Empty(line.RunnerUp);
        Assert.Null(line.RunnerUpValue);
    }

    [Fact]
    public void GivenAPairedTest_WhenJudged_ThenTheOverallLineCarriesItAndOtherLinesDoNot()
    {
        var best = Evaluate("best", 10, 11, 12, -1);
        var close = Evaluate("close", 10, 11, -1, -2);
        (string, string)? asked = null;

        var lines = VerdictBuilder.Build([("close", close), ("best", best)], [0.1], 0.5, (a, b) =>
        {
            asked = (a, b);
            return new PairedEvidence("DeLong", 0.04, 0.08, 3);
        });

        Assert.Equal(("best", "close"), asked);
        Assert.Equal(new PairedEvidence("DeLong", 0.04, 0.08, 3), lines[0].Paired);
        Assert.False(lines[0].Paired!.Significant); // judged on the Holm-adjusted p
        Assert.All(lines.Skip(1), l => Assert.Null(l.Paired));
    }
}
