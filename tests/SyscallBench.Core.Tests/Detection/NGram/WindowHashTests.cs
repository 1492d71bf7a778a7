using FsCheck.Xunit;
using SyscallBench.Core.Detection.NGram;

namespace SyscallBench.Core.Tests.Detection.NGram;

public sealed class WindowHashTests
{
    [Property(MaxTest = 300)]
    public bool GivenATrace_WhenTheHashRollsAlongIt_ThenEveryWindowGetsTheHashOfItsOwnCalls(int[] ids, byte width)
    {
        // Any ids (negative ones too: padding is -1), any width from 1 to 12.
        var k = (width % 12) + 1;
        var expectedWindows = Math.Max(0, ids.Length - k + 1);
        var seen = 0;
        for (var cursor = new WindowCursor(ids, k); cursor.MoveNext(); seen++)
        {
            if (cursor.Position != seen
                || !cursor.Window.SequenceEqual(ids.AsSpan(seen, k))
                || cursor.Hash != WindowHash.Of(ids.AsSpan(seen, k)))
            {
                return false;
            }
        }

        return seen == expectedWindows;
    }

    [Fact]
    public void GivenATraceShorterThanTheWindow_WhenItsWindowsAreListed_ThenItIsOnePaddedWindow()
    {
        var buffer = new int[4];

        var cursor = SlidingWindows.Of([7, 8], 4, buffer);

        Assert.True(cursor.MoveNext());
        Assert.Equal([7, 8, SlidingWindows.Padding, SlidingWindows.Padding], cursor.Window.ToArray());
        Assert.Equal(WindowHash.Of([7, 8, -1, -1]), cursor.Hash);
        Assert.False(cursor.MoveNext());
    }
}
