using SyscallBench.Core.Evaluation.Comparison;

namespace SyscallBench.Core.Tests.Evaluation.Comparison;

public sealed class HolmAdjustmentTests
{
    [Fact]
    public void GivenFourPValues_WhenAdjusted_ThenStepDownMultipliersAndMonotonicity()
    {
        // Sorted: 0.005 x4 = 0.02; 0.01 x3 = 0.03; 0.03 x2 = 0.06; 0.04 x1 = 0.04, raised to 0.06 (monotone).
        var adjusted = HolmAdjustment.Adjust([0.01, 0.04, 0.03, 0.005]);

        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void GivenLargePValuesAndAnUndefinedOne_WhenAdjusted_ThenCappedAtOneAndNaNLeftOut()
    {
        // m = 2 (the NaN does not count): 0.3 x2 = 0.6; 0.7 x1 = 0.7.
        var adjusted = HolmAdjustment.Adjust([0.7, double.NaN, 0.3]);

        Assert.Equal(0.7, adjusted[0], 12);
        Assert.True(double.IsNaN(adjusted[1]));
        Assert.Equal(0.6, adjusted[2], 12);
        Assert.Equal([1.0, 1.0], HolmAdjustment.Adjust([0.6, 0.9]));
    }
}
