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
}
