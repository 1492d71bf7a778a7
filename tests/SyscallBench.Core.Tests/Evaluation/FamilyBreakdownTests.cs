using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Evaluation;

public sealed class FamilyBreakdownTests
{
    [Fact]
    public void GivenFamilies_WhenEvaluated_ThenEachFamilysRateUsesTheOperatingPointThresholdsAndFamiliesSortOrdinally()
    {
        // Given: the SmallTied normals (thresholds 2 at 10% and 0 at 50%) and attacks spread over families.
        ScoredTrace[] scores =
        [
            .. ScoreSets.SmallTied().Where(s => s.Label == TraceLabel.Normal),
            new("n-with-family", TraceLabel.Normal, "Ignored_For_Normals", 0),
            ScoreSets.Attack(0, "Web_Shell"),
            ScoreSets.Attack(1, "Adduser"),
            ScoreSets.Attack(2, "Adduser"),
            ScoreSets.Attack(3, "Java_Meterpreter"),
            ScoreSets.Attack(4, "Web_Shell"),
            ScoreSets.Attack(5, "apache"),
            ScoreSets.Attack(0.5, null),
        ];
        var options = new EvaluationOptions { FalseAlarmRates = [0.1, 0.5], BootstrapResamples = 0 };

        // When
        var evaluation = Evaluator.Evaluate("stide", scores, options);

        // Then: 11 normals now (an extra 0), so 10% allows 1 above -> threshold 2; 50% -> threshold 0.
        Assert.Equal([2.0, 0.0], evaluation.OperatingPoints.Select(p => p.Threshold));
        Assert.Equal(
            ["(no family)", "Adduser", "Java_Meterpreter", "Web_Shell", "apache"],
            evaluation.Families.Select(f => f.Family));
        Assert.Equal([1, 2, 1, 2, 1], evaluation.Families.Select(f => f.Count));
        Assert.Equal([0.0, 1.0], evaluation.Families[0].DetectionRates); // 0.5
        Assert.Equal([0.0, 1.0], evaluation.Families[1].DetectionRates); // 1, 2: neither > 2
        Assert.Equal([1.0, 1.0], evaluation.Families[2].DetectionRates); // 3
        Assert.Equal([0.5, 0.5], evaluation.Families[3].DetectionRates); // 0 and 4
        Assert.Equal([1.0, 1.0], evaluation.Families[4].DetectionRates); // 5
    }

    [Fact]
    public void GivenNormalTracesWithFamilies_WhenEvaluated_ThenEachNormalFamilysFalseAlarmRateUsesTheOperatingPointThresholds()
    {
        // Given ten normals in two kinds of normal work plus one without a family, and one attack
        ScoredTrace[] scores =
        [
            .. Enumerable.Range(0, 5).Select(i => new ScoredTrace($"b{i}", TraceLabel.Normal, "build", i)),      // 0..4
            .. Enumerable.Range(0, 4).Select(i => new ScoredTrace($"k{i}", TraceLabel.Normal, "backup", 0)),    // all 0
            new("plain", TraceLabel.Normal, null, 0),
            ScoreSets.Attack(9, "Web_Shell"),
        ];
        var options = new EvaluationOptions { FalseAlarmRates = [0.1, 0.5], BootstrapResamples = 0 };

        // When
        var evaluation = Evaluator.Evaluate("stide", scores, options);

        // Then thresholds come from all ten normals (3 at 10%, 0 at 50%), and each family's share above them is given
        Assert.Equal([3.0, 0.0], evaluation.OperatingPoints.Select(p => p.Threshold));
        Assert.Equal(["backup", "build"], evaluation.NormalFamilies.Select(f => f.Family));
        Assert.Equal([4, 5], evaluation.NormalFamilies.Select(f => f.Count));
        Assert.Equal([0.0, 0.0], evaluation.NormalFamilies[0].FalseAlarmRates);
        Assert.Equal([0.2, 0.8], evaluation.NormalFamilies[1].FalseAlarmRates); // 4 > 3; 1..4 > 0
        Assert.Equal(["Web_Shell"], evaluation.Families.Select(f => f.Family));
    }
}
