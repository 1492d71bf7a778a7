using SyscallBench.MLNet.Svm;

namespace SyscallBench.MLNet.Tests.Svm;

public sealed class SparseColumnsTests
{
    [Fact]
    public void GivenRandomSparseVectors_WhenAllDotsAreTakenAtOnce_ThenEachEqualsThePairwiseDotBitForBit()
    {
        // Given: vectors over 200 features with 0-40 non-zeros each, values of every magnitude and sign
        var random = new Random(11);
        var vectors = Enumerable.Range(0, 60).Select(_ => RandomVector(random)).ToArray();
        var columns = new SparseColumns(vectors);
        var dots = new double[vectors.Length];

        foreach (var x in vectors.Append(RandomVector(random)).Append(SparseVector.Empty))
        {
            // When
            columns.Dots(x, dots);

            // Then: same products, same order, so the same bits (the solver's path depends on it)
            for (var r = 0; r < vectors.Length; r++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(SparseVector.Dot(x, vectors[r])), BitConverter.DoubleToInt64Bits(dots[r]));
            }
        }
    }

    [Fact]
    public void GivenAVectorWithFeaturesNoStoredVectorHas_WhenDotted_ThenThoseFeaturesAddNothing()
    {
        // Given
        var columns = new SparseColumns([new SparseVector([0, 2], [1.0, 2.0]), new SparseVector([1], [3.0])]);
        var dots = new double[2];

        // When
        columns.Dots(new SparseVector([2, 5, 900], [4.0, 7.0, 9.0]), dots);

        // Then
        Assert.Equal([8.0, 0.0], dots);
    }

    private static SparseVector RandomVector(Random random)
    {
        var indices = Enumerable.Range(0, 200).Where(_ => random.NextDouble() < 0.1).ToArray();
        var values = indices.Select(_ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 4))).ToArray();
        return new SparseVector(indices, values);
    }
}
