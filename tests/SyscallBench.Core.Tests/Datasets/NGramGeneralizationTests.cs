using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Probes.Generalization;

namespace SyscallBench.Core.Tests.Datasets;

public sealed class NGramGeneralizationTests
{
    private static readonly int[] HeldOutRun = [8, 8, 8, 9];

    [Theory]
    [InlineData(GeneralizationRegime.PatternUnseen)]
    [InlineData(GeneralizationRegime.TokenUnseen)]
    public void GivenStideFittedOnTheGeneralizationTrainingSet_WhenScoringTheHeldOutRun_ThenItIsAMismatch_WhileTrainingTracesAreNot(GeneralizationRegime regime)
    {
        // Given
        var dataset = GeneralizationDataset.Generate(new GeneralizationOptions { Regime = regime });
        using var fitted = new StideDetector("stide-3", new StideOptions { WindowLength = 3 }).Fit(dataset.Train, FitContext.Default);

        // When
        var heldOut = fitted.Score(Trace(HeldOutRun));

        // Then: windows "8 8 8" and "8 8 9" were never seen, "8 8 8 9" has 2 mismatches of 2 windows
        Assert.Equal(1.0, heldOut.Value);
        Assert.All(dataset.Train, t => Assert.Equal(0.0, fitted.Score(t).Value));
    }

    [Fact]
    public void GivenTheNGramModel_WhenAskedForTheNextCallAfterTheHeldOutRun_ThenTheDistributionIsProperAndNineIsNotTheFavourite()
    {
        // Given: pattern_unseen, so "8 8" as a context of "8" was never seen
        var dataset = GeneralizationDataset.Generate(new GeneralizationOptions());
        using var fitted = (FittedNGramDetector)new NGramDetector("ngram", new NGramOptions { Order = 4 }).Fit(dataset.Train, FitContext.Default);

        // When
        var distribution = fitted.PredictNext([8, 8, 8], int.MaxValue);
        var prediction = GeneralizationProbe.Predict(fitted, [8, 8, 8], 9);

        // Then: 9 tokens + the unknown bucket, summing to 1; the rule is not learnt, so 9 is no better than chance
        Assert.Equal(10, distribution.Count);
        Assert.Equal(1.0, distribution.Sum(p => p.Probability), 1e-12);
        Assert.Single(distribution, p => p.IsUnknown);
        Assert.False(prediction.IsTop);
        Assert.Equal(distribution.Single(p => p.Syscall == 9).Probability, prediction.Probability);
    }

    [Fact]
    public void GivenTheNGramModelTopK_WhenAskedForTwo_ThenTheTwoMostProbableComeFirst()
    {
        // Given: "1 1 1 -> 2" seen twenty times
        var dataset = GeneralizationDataset.Generate(new GeneralizationOptions());
        using var fitted = (FittedNGramDetector)new NGramDetector("ngram", new NGramOptions { Order = 4 }).Fit(dataset.Train, FitContext.Default);

        // When
        var top = fitted.PredictNext([1, 1, 1], 2);

        // Then
        Assert.Equal(2, top.Count);
        Assert.Equal(2, top[0].Syscall);
        Assert.True(top[0].Probability > top[1].Probability);
    }

    private static SyscallBench.Core.Traces.Trace Trace(int[] calls) => SyscallBench.Core.Traces.Trace.Normal("probe", calls);
}
