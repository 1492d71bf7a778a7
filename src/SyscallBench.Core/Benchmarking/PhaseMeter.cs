using System.Diagnostics;

namespace SyscallBench.Core.Benchmarking;

/// <summary>What one benchmarked phase (a fit, a scoring pass) cost.</summary>
/// <param name="Elapsed">Wall-clock time of the phase.</param>
/// <param name="CpuTime">
/// CPU time the whole process used during the phase (all threads: the measured one, and the runtime's JIT
/// and GC threads). Unlike wall-clock time it hardly changes when other processes compete for the cores,
/// but for a phase on one thread it can exceed that thread's own time.
/// </param>
/// <param name="AllocatedBytes">Managed bytes allocated during the phase, by all threads (GC.GetTotalAllocatedBytes).</param>
/// <param name="PeakResidentGrowthBytes">
/// The process's peak resident set size during the phase minus its resident set size at the start, after a
/// full compacting collection that returns free memory to the OS: the most extra memory (managed and native,
/// e.g. libtorch) the phase held at once. Null where the peak cannot be reset (Linux only: /proc/self/clear_refs).
/// </param>
public sealed record PhaseCost(TimeSpan Elapsed, TimeSpan CpuTime, long AllocatedBytes, long? PeakResidentGrowthBytes);

/// <summary>
/// Measures the time, allocation and peak memory of one phase. Linux lets a process reset its resident
/// high-water mark (writing 5 to /proc/self/clear_refs resets VmHWM to the current VmRSS), which makes a
/// per-phase peak measurable in-process; elsewhere the peak is reported as unknown rather than guessed.
/// </summary>
public static class PhaseMeter
{
    private const string ClearRefs = "/proc/self/clear_refs";
    private const string Status = "/proc/self/status";

    public static PhaseCost Measure(Action phase)
    {
        SettleHeap();
        var residentBefore = ReadStatusKilobytes("VmRSS:");
        var peakResettable = residentBefore is not null && TryResetPeak();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        // Environment.CpuUsage is getrusage on Linux: microseconds, where Process.TotalProcessorTime has 10 ms ticks.
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        phase();
        var elapsed = clock.Elapsed;
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peak = peakResettable ? ReadStatusKilobytes("VmHWM:") : null;
        long? growth = peak is { } p && residentBefore is { } r ? Math.Max(0, p - r) * 1024 : null;
        return new PhaseCost(elapsed, cpu, allocated, growth);
    }

    /// <summary>Live managed bytes after a full blocking collection (what a fitted model keeps alive).</summary>
    public static long LiveManagedBytes()
    {
        SettleHeap();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    // Aggressive mode compacts and decommits free regions, so the next phase's peak starts from what is live.
    private static void SettleHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // not Linux, or not permitted: the peak is reported as unknown
        }
    }

    private static long? ReadStatusKilobytes(string field)
    {
        if (!File.Exists(Status))
        {
            return null;
        }

        foreach (var line in File.ReadLines(Status))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // "VmHWM:     13508 kB"
                var number = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
