using SyscallBench.Core.Evaluation;

namespace SyscallBench.Core.Tests.Evaluation;

public sealed class SignedZeroTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GivenNegativeAndPositiveZero_WhenRanked_ThenTheyTieAndTheThresholdIsPositiveZero(bool negativeFirst)
    {
        // Given
        double[] zeros = negativeFirst ? [-0.0, 0.0] : [0.0, -0.0];
        var scores = ScoreSets.Build([zeros[0], -1.0], [zeros[1], 1.0]);

        // When
        var roc = RocCurve.Compute(scores);

        // Then: points at +inf, 1, 0 (one tie group of both zeros), -1.
        Assert.Equal([0.0, 0.0, 0.5, 1.0], roc.FalsePositiveRates);
        Assert.Equal([0.0, 0.5, 1.0, 1.0], roc.TruePositiveRates);
        Assert.False(double.IsNegative(roc.Thresholds[2]));
        Assert.Equal(0.875, roc.Auc);
    }
}
