namespace SyscallBench.Core.Streaming;

/// <summary>What <see cref="WindowStream"/> emits: a <see cref="CallWindow"/> or a <see cref="ProcessEnd"/>.</summary>
public abstract record StreamItem;

/// <summary>A window of one process's calls, as cut by <see cref="WindowStream"/>.</summary>
/// <param name="Process">The process (see <see cref="ProcessEvent.Process"/>).</param>
/// <param name="Index">0 for the process's first window, then 1, 2, ...</param>
/// <param name="FirstCall">0-based index, within the process, of the window's first call.</param>
/// <param name="Start">Time of the first call; null without times.</param>
/// <param name="End">Time of the last call; null without times.</param>
/// <param name="Context">The calls just before the window (at most <see cref="WindowSpec.ContextCalls"/>), oldest first.</param>
/// <param name="Calls">The window's calls (never empty).</param>
/// <param name="IsLast">Closed by the process's end (exit, end of input, eviction) rather than by the window's size or time.</param>
public sealed record CallWindow(string Process, long Index, long FirstCall, double? Start, double? End,
    int[] Context, int[] Calls, bool IsLast) : StreamItem
{
    /// <summary>Context followed by the window's calls: what a detector scores.</summary>
    public int[] ContextAndCalls() => [.. Context, .. Calls];
}

/// <summary>Why a process's state was dropped.</summary>
public enum ProcessEndReason
{
    /// <summary>The input said it exited or was killed.</summary>
    Exited,

    /// <summary>The input ended first.</summary>
    EndOfInput,

    /// <summary>Dropped to keep memory bounded: too many processes were open (the least recently active goes).</summary>
    Evicted,
}

/// <summary>A process whose state was dropped, with its whole trace when it was short enough to keep.</summary>
/// <param name="Process">The process.</param>
/// <param name="Calls">How many calls it made in the input.</param>
/// <param name="Windows">How many windows were cut from them.</param>
/// <param name="Trace">All its calls, or null when it made more than <see cref="WindowStream.MaxTraceCalls"/> (memory bound).</param>
/// <param name="Reason">Why it ended.</param>
public sealed record ProcessEnd(string Process, long Calls, long Windows, int[]? Trace, ProcessEndReason Reason) : StreamItem;
