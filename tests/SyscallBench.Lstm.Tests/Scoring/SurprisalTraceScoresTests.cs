using SyscallBench.Lstm.Scoring;

namespace SyscallBench.Lstm.Tests.Scoring;

public sealed class SurprisalTraceScoresTests
{
    [Fact]
    public void GivenRanks_WhenTopkMissRate_ThenTheFractionRankedAtOrBelowG() =>
        Assert.Equal(0.4, SurprisalTraceScores.TopkMissRate([0, 1, 2, 5, 0], 2), 12); // ranks 2 and 5 miss

    [Fact]
    public void GivenAnEmptyTrace_WhenTopkMissRate_ThenZero()
        => Assert.Equal(0, SurprisalTraceScores.TopkMissRate([], 3));
}
