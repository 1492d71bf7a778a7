namespace SyscallBench.Core.Detection.NGram;

/// <summary>
/// The windows stide and t-stide look at: every run of k consecutive calls (sliding, step 1), except that
/// a trace shorter than k is one window, the whole trace, padded with <see cref="Padding"/> so it can only
/// ever match an identical short trace. Training and scoring use this same rule.
/// </summary>
internal static class SlidingWindows
{
    /// <summary>Fills the tail of a short window; never a vocabulary id (those are 0 or more).</summary>
    public const int Padding = -1;

    public static int CountOf(int traceLength, int windowLength) =>
        traceLength >= windowLength ? traceLength - windowLength + 1 : 1;

    /// <summary>The call at which window <paramref name="window"/> ends (-1 for the empty trace).</summary>
    public static int EndOf(int traceLength, int windowLength, int window) =>
        traceLength >= windowLength ? window + windowLength - 1 : traceLength - 1;

    /// <summary>
    /// The windows of <paramref name="ids"/> with their hashes; <paramref name="shortBuffer"/> (at least k
    /// ids) holds the one padded window of a trace shorter than k.
    /// </summary>
    public static WindowCursor Of(ReadOnlySpan<int> ids, int windowLength, Span<int> shortBuffer)
    {
        if (ids.Length >= windowLength)
        {
            return new WindowCursor(ids, windowLength);
        }

        ids.CopyTo(shortBuffer);
        shortBuffer[ids.Length..windowLength].Fill(Padding);
        return new WindowCursor(shortBuffer[..windowLength], windowLength);
    }
}
