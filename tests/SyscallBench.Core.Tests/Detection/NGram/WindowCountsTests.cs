using SyscallBench.Core.Detection.NGram;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Detection.NGram;

public class WindowCountsTests
{
    [Fact]
    public void GivenRepeatedWindows_WhenCounted_ThenCountsAndTotalAreExact()
    {
        var counts = new WindowCounts(width: 2);

        counts.Add([1, 2]);
        counts.Add([2, 3]);
        counts.Add([1, 2]);
        counts.Add([4, 4], count: 5);

        Assert.Equal(2, counts.CountOf([1, 2]));
        Assert.Equal(1, counts.CountOf([2, 3]));
        Assert.Equal(5, counts.CountOf([4, 4]));
        Assert.Equal(0, counts.CountOf([3, 2]));
        Assert.Equal(3, counts.Distinct);
        Assert.Equal(8, counts.Total);
    }

    [Fact]
    public void GivenSavedCounts_WhenLoaded_ThenWindowsOrderAndCountsAreIdentical()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "w.bin");
        var counts = new WindowCounts(width: 3);
        counts.Add([7, 8, 9], 3);
        counts.Add([-1, 0, 1]);
        counts.Add([1, 2, 3], 2);

        counts.Save(path);
        var loaded = WindowCounts.Load(path);

        Assert.Equal(3, loaded.Width);
        Assert.Equal(counts.Total, loaded.Total);
        Assert.Equal(counts.Distinct, loaded.Distinct);
        for (var i = 0; i < counts.Distinct; i++)
        {
            Assert.Equal(counts.WindowAt(i).ToArray(), loaded.WindowAt(i).ToArray());
            Assert.Equal(counts.CountAt(i), loaded.CountAt(i));
        }
    }

    [Fact]
    public void GivenATruncatedFile_WhenLoaded_ThenTheErrorNamesTheFile()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "w.bin");
        var counts = new WindowCounts(width: 2);
        counts.Add([1, 2]);
        counts.Save(path);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^3]);

        var error = Assert.Throws<SyscallBenchException>(() => WindowCounts.Load(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void GivenAFileThatIsNotWindowCounts_WhenLoaded_ThenItIsRejectedAsSuch()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "w.bin");
        File.WriteAllText(path, "{ \"not\": \"binary\" }");

        var error = Assert.Throws<SyscallBenchException>(() => WindowCounts.Load(path));

        Assert.Contains("bad magic number", error.Message);
    }
}
