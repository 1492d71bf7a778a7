using SyscallBench.Lstm.Scoring;

namespace SyscallBench.Lstm.Tests.Scoring;

public sealed class SurprisalTraceScoresTests
{
    private static readonly float[] Surprisal = [1f, 2f, 6f, 1f, 0f];

    [Fact]
    public void GivenSurprisals_WhenMeanNll_ThenTheArithmeticMean() =>
        Assert.Equal(2.0, SurprisalTraceScores.MeanNll(Surprisal), 12);

    [Fact]
    public void GivenSurprisals_WhenMaxWindowNllOfTwo_ThenTheWorstAdjacentPairMean() =>
        Assert.Equal(4.0, SurprisalTraceScores.MaxWindowNll(Surprisal, 2), 12); // (2 + 6) / 2

    [Fact]
    public void GivenATraceShorterThanTheWindow_WhenMaxWindowNll_ThenTheWholeTraceMean() =>
        Assert.Equal(2.0, SurprisalTraceScores.MaxWindowNll(Surprisal, 10), 12);

    [Fact]
    public void GivenRanks_WhenTopkMissRate_ThenTheFractionRankedAtOrBelowG() =>
        Assert.Equal(0.4, SurprisalTraceScores.TopkMissRate([0, 1, 2, 5, 0], 2), 12); // ranks 2 and 5 miss

    [Fact]
    public void GivenAnEmptyTrace_WhenScored_ThenEveryVariantIsZero()
    {
        Assert.Equal(0, SurprisalTraceScores.MeanNll([]));
        Assert.Equal(0, SurprisalTraceScores.MaxWindowNll([], 3));
        Assert.Equal(0, SurprisalTraceScores.TopkMissRate([], 3));
    }
}
