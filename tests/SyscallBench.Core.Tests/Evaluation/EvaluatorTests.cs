using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Evaluation;

public sealed class EvaluatorTests
{
    private static readonly EvaluationOptions NoBootstrap = new() { BootstrapResamples = 0 };

    [Fact]
    public void GivenSmallTiedScores_WhenEvaluated_ThenEveryMetricHasItsHandComputedValue()
    {
        // Given: normals 0 x7, 1, 2, 3; attacks 0..4. Pairs (attack > normal) + ties / 2:
        // attack 0: 3.5, 1: 7.5, 2: 8.5, 3: 9.5, 4: 10 -> 39 of 50 pairs.
        var scores = ScoreSets.SmallTied();

        // When
        var evaluation = Evaluator.Evaluate("stide", scores, NoBootstrap);

        // Then
        Assert.Equal("stide", evaluation.Detector);
        Assert.Equal(10, evaluation.NormalCount);
        Assert.Equal(5, evaluation.AttackCount);
        Assert.Equal(39.0 / 50.0, evaluation.RocAuc, 1e-15);
        // AP: thresholds 4: R .2 P 1; 3: R .4 P 2/3; 2: R .6 P 3/5; 1: R .8 P 4/7; 0: R 1 P 5/15.
        Assert.Equal(0.2 * (1 + (2.0 / 3) + (3.0 / 5) + (4.0 / 7) + (5.0 / 15)), evaluation.AveragePrecision, 1e-15);
        Assert.Equal([0.001, 0.01, 0.05, 0.1], evaluation.OperatingPoints.Select(p => p.TargetFalseAlarmRate));
        Assert.Equal([3.0, 3.0, 3.0, 2.0], evaluation.OperatingPoints.Select(p => p.Threshold));
        Assert.Equal([0.2, 0.2, 0.2, 0.4], evaluation.OperatingPoints.Select(p => p.DetectionRate));
        Assert.Equal(new DetectionOperatingPoint(0.9, 0.0, 1.0, 1.0), evaluation.FalseAlarmAtDetection);
        Assert.Equal("Family", Assert.Single(evaluation.Families).Family);
        Assert.Equal(evaluation.Roc.Auc, evaluation.RocAuc);
        Assert.Equal(evaluation.PrecisionRecall.AveragePrecision, evaluation.AveragePrecision);
    }

    [Fact]
    public void GivenAllScoresEqual_WhenEvaluated_ThenChanceLevelAndNothingFlaggedAtOperatingPoints()
    {
        // Given
        var scores = ScoreSets.Build(Enumerable.Repeat(0.0, 30), Enumerable.Repeat(0.0, 10));

        // When
        var evaluation = Evaluator.Evaluate("constant", scores, NoBootstrap);

        // Then
        Assert.Equal(0.5, evaluation.RocAuc);
        Assert.Equal(0.25, evaluation.AveragePrecision);
        Assert.All(evaluation.OperatingPoints, p => Assert.Equal((0.0, 0.0, 0.0), (p.Threshold, p.FalseAlarmRate, p.DetectionRate)));
        Assert.Equal(new DetectionOperatingPoint(0.9, 0.0, 1.0, 1.0), evaluation.FalseAlarmAtDetection);
    }

    [Fact]
    public void GivenNoAttackTraces_WhenEvaluated_ThenErrorNamesDetectorAndMissingClass()
    {
        // Given
        var scores = ScoreSets.Build([0.1, 0.2], []);

        // When
        var error = Assert.Throws<EvaluationException>(() => Evaluator.Evaluate("lstm", scores, NoBootstrap));

        // Then
        Assert.Contains("'lstm'", error.Message);
        Assert.Contains("no attack traces", error.Message);
        Assert.IsAssignableFrom<SyscallBenchException>(error);
    }

    [Fact]
    public void GivenNoNormalTraces_WhenEvaluated_ThenErrorNamesDetectorAndMissingClass()
    {
        // Given
        var scores = ScoreSets.Build([], [0.1, 0.2]);

        // When
        var error = Assert.Throws<EvaluationException>(() => Evaluator.Evaluate("ocsvm", scores, NoBootstrap));

        // Then
        Assert.Contains("'ocsvm'", error.Message);
        Assert.Contains("no normal traces", error.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void GivenNonFiniteScore_WhenEvaluated_ThenErrorNamesDetectorAndTrace(double score, string shown)
    {
        // Given
        ScoredTrace[] scores =
        [
            ScoreSets.Normal(0.1, "Validation_Data_Master/UVD-0001.txt"),
            new("Attack_Data_Master/Adduser_1/UAD-Adduser-1-2783.txt", TraceLabel.Attack, "Adduser", score),
        ];

        // When
        var error = Assert.Throws<EvaluationException>(() => Evaluator.Evaluate("ngram_lm", scores, NoBootstrap));

        // Then
        Assert.Contains("'ngram_lm'", error.Message);
        Assert.Contains("'Attack_Data_Master/Adduser_1/UAD-Adduser-1-2783.txt'", error.Message);
        Assert.Contains(shown, error.Message);
    }

    [Fact]
    public void GivenInvalidOptions_WhenEvaluated_ThenArgumentIsRejected()
    {
        // Given
        var options = new EvaluationOptions { ConfidenceLevel = 1.5 };

        // When / Then
        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate("d", ScoreSets.SmallTied(), options));
        Assert.Contains(nameof(EvaluationOptions.ConfidenceLevel), error.Message);
    }
}
