using SyscallBench.Core.Detection.NGram;

namespace SyscallBench.Core.Tests.Detection.NGram;

public class WindowIndexTests
{
    [Fact]
    public void GivenManyWindows_WhenAddedAndQueried_ThenEachGetsItsFirstSeenIndexAcrossGrowth()
    {
        // Given: 5,000 distinct 3-id windows, enough to grow the table several times
        var index = new WindowIndex(width: 3);
        var windows = Enumerable.Range(0, 5000).Select(i => new[] { i % 17, i / 17, i % 5 }).ToArray();

        // When
        var assigned = windows.Select(w => index.GetOrAdd(w)).ToArray();

        // Then: dense, first-seen order, stable on re-adding, and exact on lookup
        Assert.Equal(Enumerable.Range(0, 5000), assigned);
        Assert.Equal(5000, index.Count);
        Assert.All(Enumerable.Range(0, 5000), i => Assert.Equal(i, index.IndexOf(windows[i])));
        Assert.Equal(42, index.GetOrAdd(windows[42]));
        Assert.Equal(windows[4999], index[4999].ToArray());
        Assert.Equal(-1, index.IndexOf([16, 999, 0]));
    }

    [Fact]
    public void GivenWindowsDifferingOnlyInOrder_WhenAdded_ThenTheyAreDistinct()
    {
        var index = new WindowIndex(width: 2);

        var a = index.GetOrAdd([1, 2]);
        var b = index.GetOrAdd([2, 1]);

        Assert.NotEqual(a, b);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void GivenWidthZero_WhenTheEmptyWindowIsAdded_ThenItIsOneEntry()
    {
        var index = new WindowIndex(width: 0);

        Assert.Equal(-1, index.IndexOf([]));
        Assert.Equal(0, index.GetOrAdd([]));
        Assert.Equal(0, index.GetOrAdd([]));
        Assert.Equal(0, index.IndexOf([]));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void GivenAWindowOfTheWrongWidth_WhenLookedUp_ThenItIsRejected()
    {
        var index = new WindowIndex(width: 3);

        Assert.Throws<ArgumentException>(() => index.IndexOf([1, 2]));
    }
}
