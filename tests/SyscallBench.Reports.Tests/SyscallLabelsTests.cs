namespace SyscallBench.Reports.Tests;

public sealed class SyscallLabelsTests
{
    [Fact]
    public void GivenASyntheticDataset_WhenLabelingSyscalls_ThenNumbersAreShownBecauseTheNumberingIsMadeUp()
    {
        var label = SyscallLabels.ForDatasetType("synthetic");

        Assert.Equal("3", label(3));
        Assert.Equal("265", label(265));
        Assert.False(SyscallLabels.ShowsNames("synthetic"));
    }
}
