using SyscallBench.Core.Evaluation;

namespace SyscallBench.Core.Tests.Evaluation;

public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void GivenStateOneTwoThreeFour_WhenDrawing_ThenReferenceOutputsAppear()
    {
        // Given: the reference implementation's outputs (xoshiro256starstar.c) from state {1, 2, 3, 4}.
        var random = new Xoshiro256StarStar(1, 2, 3, 4);

        // When
        ulong[] drawn = [random.NextUInt64(), random.NextUInt64(), random.NextUInt64(), random.NextUInt64()];

        // Then
        Assert.Equal([11520UL, 0UL, 1509978240UL, 1215971899390074240UL], drawn);
    }

    [Fact]
    public void GivenSeedZero_WhenSplitMixing_ThenReferenceOutputsAppear()
    {
        // Given
        ulong state = 0;

        // When
        ulong[] drawn = [Xoshiro256StarStar.SplitMix64(ref state), Xoshiro256StarStar.SplitMix64(ref state)];

        // Then
        Assert.Equal([0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL], drawn);
    }

    [Fact]
    public void GivenBoundSix_WhenDrawingManyIntegers_ThenEachValueAppearsAboutEquallyOften()
    {
        // Given
        var random = new Xoshiro256StarStar(12345);
        var counts = new int[6];

        // When
        for (var i = 0; i < 60_000; i++)
        {
            counts[random.NextInt(6)]++;
        }

        // Then: expected 10,000 each, standard deviation about 91; allow 5 of them.
        Assert.All(counts, c => Assert.InRange(c, 9_545, 10_455));
    }
}
