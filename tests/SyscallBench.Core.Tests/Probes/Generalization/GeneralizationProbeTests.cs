using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Probes.Generalization;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Probes.Generalization;

public sealed class GeneralizationProbeTests
{
    private static readonly GeneralizationOptions Tiny = new()
    {
        Seed = 7, MinToken = 1, MaxToken = 5, RunLength = 3, HeldOut = [3], CopiesPerRule = 2, FillerTraces = 5,
        TestCopies = 1, CorruptionsPerFamily = 2,
    };

    [Fact]
    public void GivenStideOnTheTinySet_WhenProbed_ThenTheHeldOutRunIsFlaggedAndEveryWrongSuccessorToo()
    {
        // Given
        var dataset = GeneralizationDataset.Generate(Tiny);
        using var fitted = new StideDetector("stide", new StideOptions { WindowLength = 3 }).Fit(dataset.Train, FitContext.Default);

        // When
        var result = Assert.IsType<GeneralizationProbeResult>(new GeneralizationProbe().Probe("stide", 1, fitted, dataset, fitted.ScoreValues(dataset.Test)));

        // Then: every training trace scores 0, so tau = 0; "3 3 3 4" has 2 unseen windows of 2
        Assert.Equal(0.0, result.Threshold.Value);
        var run = Assert.Single(result.Runs);
        Assert.Equal("3 3 3", run.Run);
        Assert.Equal(4, run.Successor);
        Assert.Equal(1.0, run.Score);
        Assert.False(run.ScoredNormal);
        Assert.Equal(new[] { 1, 2, 3, 5 }, run.WrongSuccessors.Select(w => w.Successor));
        Assert.Equal(4, run.WrongSuccessorsFlagged);
        Assert.Equal(0, run.WrongSuccessorsScoredAbove);
        Assert.Null(run.Prediction);
    }

    [Theory]
    [InlineData(GeneralizationRegime.PatternUnseen)]
    [InlineData(GeneralizationRegime.TokenUnseen)]
    public void GivenTheNGramModelOnTheDefaultSet_WhenProbed_ThenTheHeldOutRunIsFlaggedAtTheTrainingThreshold(GeneralizationRegime regime)
    {
        // Given: the n-gram detector of experiments/generalization-888.yaml
        var dataset = GeneralizationDataset.Generate(new GeneralizationOptions { Regime = regime });
        using var fitted = new NGramDetector("ngram-4", new NGramOptions { Order = 4 }).Fit(dataset.Train, FitContext.Default);

        // When
        var result = Assert.IsType<GeneralizationProbeResult>(new GeneralizationProbe().Probe("ngram-4", 1, fitted, dataset, fitted.ScoreValues(dataset.Test)));

        // Then: "8 8 8 9" is more surprising than 99% of the training traces, and so is every "8 8 8 x"
        var run = Assert.Single(result.Runs);
        Assert.Equal(("8 8 8", 9), (run.Run, run.Successor));
        Assert.True(run.Score > result.Threshold.Value);
        Assert.False(run.ScoredNormal);
        Assert.Equal(8, run.WrongSuccessorsFlagged);
        Assert.NotNull(run.Prediction);
        Assert.False(run.Prediction.IsTop);
        Assert.True(result.Threshold.AchievedFalseAlarmRate <= 0.01);
    }

    [Fact]
    public void GivenAPredictorWithAKnownDistribution_WhenPredicting_ThenProbabilityRankAndTopAreReadOffIt()
    {
        // Given: p(2) = 0.5, p(9) = 0.3, p(4) = 0.1, unknown = 0.1
        var predictor = new FixedPredictor([new(2, 0.5), new(9, 0.3), new(4, 0.1), new(null, 0.1)]);

        // When
        var nine = GeneralizationProbe.Predict(predictor, [8, 8, 8], 9);
        var two = GeneralizationProbe.Predict(predictor, [8, 8, 8], 2);
        var unseen = GeneralizationProbe.Predict(predictor, [8, 8, 8], 77);

        // Then
        Assert.Equal(new SuccessorPrediction(0.3, 2, false, 2, 0.5), nine);
        Assert.Equal(new SuccessorPrediction(0.5, 1, true, 2, 0.5), two);
        Assert.Equal(new SuccessorPrediction(0.1, 3, false, 2, 0.5), unseen); // an unseen successor is the unknown bucket
    }

    [Theory]
    [InlineData(new[] { 5.0, 4, 3, 2, 1, 0, 0, 0, 0, 0 }, 0.1, 4.0, 0.1)]
    [InlineData(new[] { 5.0, 4, 3, 2, 1, 0, 0, 0, 0, 0 }, 0.01, 5.0, 0.0)]
    [InlineData(new[] { 1.0, 1, 1, 0 }, 0.5, 1.0, 0.0)]
    [InlineData(new[] { 1.0, 0, 0, 0 }, 0.25, 0.0, 0.25)]
    public void GivenNormalScores_WhenSettingTheThreshold_ThenItIsTheSmallestScoreWithAtMostAlphaStrictlyAbove(
        double[] scores, double alpha, double expected, double achieved)
    {
        // When
        var threshold = TrainingThreshold.At(scores, alpha);

        // Then
        Assert.Equal(expected, threshold.Value);
        Assert.Equal(achieved, threshold.AchievedFalseAlarmRate);
    }

    [Fact]
    public void GivenRandomScores_WhenSettingTheThreshold_ThenItAgreesWithTheEvaluationsOperatingPoint()
    {
        // Given: scores rounded to force ties
        var random = new Random(5);
        var normals = Enumerable.Range(0, 300).Select(_ => Math.Round(random.NextDouble() * 20) / 4).ToArray();
        var scored = normals.Select((s, i) => new ScoredTrace($"n{i}", TraceLabel.Normal, null, s))
            .Append(new ScoredTrace("a", TraceLabel.Attack, "x", 1.0)).ToArray();

        foreach (var alpha in new[] { 0.01, 0.05, 0.1, 0.5 })
        {
            // When
            var ours = TrainingThreshold.At(normals, alpha);
            var theirs = OperatingPoints.AtFalseAlarmRates(scored, [alpha])[0];

            // Then
            Assert.Equal(theirs.Threshold, ours.Value);
            Assert.Equal(theirs.FalseAlarmRate, ours.AchievedFalseAlarmRate);
        }
    }

    private sealed class FixedPredictor(IReadOnlyList<NextCallProbability> distribution) : INextCallPredictor
    {
        public IReadOnlyList<NextCallProbability> PredictNext(ReadOnlySpan<int> prefix, int topK) => distribution.Take(topK).ToArray();
    }
}
