using System.Runtime.InteropServices;

namespace SyscallBench.Core.Recording;

/// <summary>
/// Turns the kernel's CLOCK_MONOTONIC event times into Unix time in ns, the time column of LID-DS .sc files.
/// </summary>
/// <remarks>
/// eBPF programs read CLOCK_MONOTONIC (bpf_ktime_get_ns); the offset to CLOCK_REALTIME is read once when
/// recording starts, between two wall-clock reads, so it is off by at most half that gap (microseconds). A
/// wall-clock step during the recording (NTP) does not move event times: they stay evenly spaced, as the
/// kernel saw them.
/// </remarks>
public sealed partial class WallClock
{
    private const int ClockRealtime = 0;
    private const int ClockMonotonic = 1;

    private WallClock(long offsetNs) => OffsetNs = offsetNs;

    /// <summary>Unix time minus monotonic time, in ns.</summary>
    public long OffsetNs { get; }

    /// <summary>The offset measured now.</summary>
    public static WallClock Now()
    {
        var before = Read(ClockRealtime);
        var monotonic = Read(ClockMonotonic);
        var after = Read(ClockRealtime);
        return new WallClock(before + ((after - before) / 2) - monotonic);
    }

    /// <summary>A fixed offset (tests, replays).</summary>
    public static WallClock WithOffset(long offsetNs) => new(offsetNs);

    public long UnixNs(long monotonicNs) => monotonicNs + OffsetNs;

    /// <summary>The current CLOCK_MONOTONIC time in ns, on the clock eBPF programs read.</summary>
    public static long MonotonicNowNs() => Read(ClockMonotonic);

    /// <summary>The current Unix time in ns.</summary>
    public static long UnixNowNs() => Read(ClockRealtime);

    private static long Read(int clock)
    {
        if (ClockGetTime(clock, out var time) != 0)
        {
            throw new InvalidOperationException($"clock_gettime({clock}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
