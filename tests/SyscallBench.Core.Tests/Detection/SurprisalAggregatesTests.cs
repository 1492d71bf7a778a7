using SyscallBench.Core.Detection;

namespace SyscallBench.Core.Tests.Detection;

public sealed class SurprisalAggregatesTests
{
    private static readonly float[] Surprisal = [1f, 2f, 6f, 1f, 0f];

    [Fact]
    public void GivenSurprisals_WhenMean_ThenTheArithmeticMean() =>
        Assert.Equal(2.0, SurprisalAggregates.Mean<float>(Surprisal), 12);

    [Fact]
    public void GivenSurprisals_WhenMaxWindowOfTwo_ThenTheWorstAdjacentPairMean() =>
        Assert.Equal(4.0, SurprisalAggregates.MaxWindowMean<float>(Surprisal, 2), 12); // (2 + 6) / 2

    [Fact]
    public void GivenATraceShorterThanTheWindow_WhenMaxWindow_ThenTheWholeTraceMean() =>
        Assert.Equal(2.0, SurprisalAggregates.MaxWindowMean<float>(Surprisal, 10), 12);

    [Fact]
    public void GivenDoublesAndFloatsOfTheSameValues_WhenAggregated_ThenTheScoresAreTheSame() =>
        Assert.Equal(SurprisalAggregates.MaxWindowMean<float>(Surprisal, 3),
            SurprisalAggregates.MaxWindowMean<double>(Surprisal.Select(f => (double)f).ToArray(), 3));

    [Fact]
    public void GivenAnEmptyTrace_WhenAggregated_ThenBothAreZero()
    {
        Assert.Equal(0, SurprisalAggregates.Mean<double>([]));
        Assert.Equal(0, SurprisalAggregates.MaxWindowMean<double>([], 3));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.1, 0.4)]  // sorted 0 1 1 2 6: h = 0.4 between 0 and 1
    [InlineData(0.5, 1.0)]  // the median
    [InlineData(0.9, 4.4)]  // h = 3.6: 2 + 0.6 (6 - 2)
    [InlineData(1.0, 6.0)]
    public void GivenSurprisals_WhenQuantile_ThenLinearInterpolationBetweenOrderStatistics(double q, double expected) =>
        Assert.Equal(expected, SurprisalAggregates.Quantile<float>(Surprisal, q), 12);

    [Fact]
    public void GivenSurprisals_WhenLast_ThenTheFinalCallsSurprisalAlone() =>
        Assert.Equal(0.0, SurprisalAggregates.Last<float>([5f, 5f, 0f]));

    [Fact]
    public void GivenAnEmptyTrace_WhenQuantileOrLast_ThenZero()
    {
        Assert.Equal(0, SurprisalAggregates.Quantile<double>([], 0.5));
        Assert.Equal(0, SurprisalAggregates.Last<double>([]));
    }
}
