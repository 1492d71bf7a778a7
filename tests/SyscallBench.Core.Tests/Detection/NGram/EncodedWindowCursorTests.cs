using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Detection.NGram;

public sealed class EncodedWindowCursorTests
{
    [Theory]
    [InlineData(0, 3)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(EncodedWindowCursor.ChunkWindows + 2, 3)]
    [InlineData((2 * EncodedWindowCursor.ChunkWindows) + 7, 6)]
    [InlineData((2 * EncodedWindowCursor.ChunkWindows) + 5, 1)]
    public void GivenATrace_WhenItsWindowsAreEncodedChunkByChunk_ThenTheyAreTheWindowsOfTheWholeEncodedTrace(int length, int width)
    {
        // Given calls 0..40 (39 and 40 never seen in training: the unknown id), crossing chunk boundaries for the long ones
        var random = new Random(length);
        var calls = Enumerable.Range(0, length).Select(_ => random.Next(41)).ToArray();
        var vocabulary = Vocabulary.FromSyscalls(Enumerable.Range(0, 39));
        var ids = vocabulary.Encode(calls);
        var shortBuffer = new int[width];

        // When both cursors walk the trace
        var expected = SlidingWindows.Of(ids, width, shortBuffer);
        var actual = new EncodedWindowCursor(calls, vocabulary, width);
        var windows = 0;
        while (expected.MoveNext())
        {
            // Then every window, its position and its hash agree, and both end together
            Assert.True(actual.MoveNext(), $"the chunked cursor stopped after {windows} windows");
            Assert.Equal(expected.Position, actual.Position);
            Assert.True(expected.Window.SequenceEqual(actual.Window), $"window {windows} differs");
            Assert.Equal(expected.Hash, actual.Hash);
            windows++;
        }

        Assert.False(actual.MoveNext());
        Assert.Equal(SlidingWindows.CountOf(length, width), windows);
    }
}
