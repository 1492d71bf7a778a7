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

    [Theory]
    [InlineData("adfa-ld", null, "read (3)")]
    [InlineData("adfa-ld", "x86-32", "read (3)")]
    [InlineData("trace-folder", "x86-64", "close (3)")]
    [InlineData("trace-folder", "x86-32", "read (3)")]
    [InlineData("trace-folder", null, "3")]
    public void GivenADatasetThatSaysItsNumbering_WhenLabelingSyscalls_ThenNamesComeFromThatTable(string type, string? architecture, string expected)
    {
        Assert.Equal(expected, SyscallLabels.ForDatasetType(type, architecture)(3));
        Assert.Equal(expected != "3", SyscallLabels.ShowsNames(type, architecture));
    }
}
