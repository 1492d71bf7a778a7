namespace SyscallBench.Core.Recording;

/// <summary>What a capture engine hands its events and notices to, on the engine's reading thread.</summary>
public interface ICaptureSink
{
    void Event(in SyscallEvent e);

    /// <summary>The kernel dropped <paramref name="count"/> events (its buffer was full): reported as soon as the engine learns of it.</summary>
    void Lost(long count);

    /// <summary>
    /// Every event of a call made before <paramref name="monotonicNs"/> has been delivered, so the sink may write out
    /// what it holds back for reordering up to then (engines call it when they have caught up, at least every 100 ms).
    /// </summary>
    void Drained(long monotonicNs);
}

/// <summary>
/// Captures system call entries and exits in the kernel with eBPF: bpftrace running a generated script
/// (<see cref="Bpftrace.BpftraceEngine"/>), or a compiled program writing into a ring buffer
/// (<see cref="RingBuffer.RingBufferEngine"/>).
/// </summary>
public interface ICaptureEngine : IDisposable
{
    /// <summary>The engine's name as recordings store it ("ring-buffer", "bpftrace").</summary>
    string Name { get; }

    /// <summary>The version of the underlying tool or library ("bpftrace v0.17.0", "libbpf 1.1").</summary>
    string Version { get; }

    /// <summary>How far out of time order the engine can deliver events (per-CPU buffers read one after the other), in ns.</summary>
    long MaxDisorderNs { get; }

    /// <summary>Loads the probes and starts attaching them.</summary>
    void Start(CaptureFilter filter, CancellationToken cancellation);

    /// <summary>
    /// Returns once every probe is attached, so no later call is missed (<see cref="Run"/> is already running on
    /// another thread); throws when the engine failed or <paramref name="timeout"/> passed.
    /// </summary>
    void WaitUntilCapturing(TimeSpan timeout, CancellationToken cancellation);

    /// <summary>
    /// Delivers events to <paramref name="sink"/> on the calling thread until <paramref name="stop"/> is
    /// signalled, then everything captured up to then, and returns.
    /// </summary>
    CaptureCounts Run(ICaptureSink sink, CancellationToken stop);
}

/// <summary>Which calls to capture: those of tasks in the listed cgroups, or of every task (<see cref="CgroupIds"/> null), never the recorder's own.</summary>
public sealed record CaptureFilter(IReadOnlyList<ulong>? CgroupIds, int RecorderPid)
{
    public bool AllCgroups => CgroupIds is null;
}

/// <summary>What an engine counted while it ran.</summary>
/// <param name="Events">Events delivered to the sink.</param>
/// <param name="Lost">Events the kernel dropped because the buffer was full.</param>
/// <param name="MalformedLines">bpftrace output lines that were neither an event nor a known notice (0 for the ring buffer).</param>
/// <param name="MalformedExamples">The first few malformed lines, for the console and the recording's JSON.</param>
public sealed record CaptureCounts(long Events, long Lost, long MalformedLines, IReadOnlyList<string> MalformedExamples);
