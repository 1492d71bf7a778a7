using SyscallBench.Core.Evaluation;

namespace SyscallBench.Core.Tests.Evaluation;

public sealed class PercentTextTests
{
    [Theory]
    [InlineData(0.0, 1, "0%")]
    [InlineData(0.01234, 1, "1.2%")]
    [InlineData(0.001, 1, "0.1%")]
    [InlineData(1.0, 1, "100%")]
    [InlineData(0.1686351, 2, "16.86%")]
    [InlineData(2.835645960149722E-05, 2, "0.0028%")] // rare but not none: never printed as 0%
    [InlineData(0.0004, 1, "0.04%")]
    public void GivenARate_WhenFormattedAsPercent_ThenNonZeroNeverLooksLikeZero(double rate, int decimals, string expected)
    {
        Assert.Equal(expected, PercentText.Of(rate, decimals));
    }
}
