using SyscallBench.Reports.Charts;

namespace SyscallBench.Reports.Tests.Charts;

public sealed class ScoreHistogramTests
{
    [Fact]
    public void GivenScoresFrom0To4_WhenBinnedIn4_ThenEachClassSumsToOneAndTheMaximumLandsInTheLastBin()
    {
        var histogram = ScoreDistributionChart.Histogram.Of([0, 1, 1, 4], [3, 4], bins: 4);

        Assert.Equal([0.5, 1.5, 2.5, 3.5], histogram.Centers);
        Assert.Equal([0.25, 0.5, 0, 0.25], histogram.NormalShares);
        Assert.Equal([0, 0, 0, 1.0], histogram.AttackShares);
    }

    [Fact]
    public void GivenAllScoresEqual_WhenBinned_ThenOneBarSitsAtThatScore()
    {
        var histogram = ScoreDistributionChart.Histogram.Of([1, 1, 1], [1, 1], bins: 40);

        Assert.Equal([1.0], histogram.Centers);
        Assert.Equal([1.0], histogram.NormalShares);
        Assert.Equal([1.0], histogram.AttackShares);
    }
}
