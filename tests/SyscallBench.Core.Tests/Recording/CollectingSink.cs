using SyscallBench.Core.Recording;

namespace SyscallBench.Core.Tests.Recording;

/// <summary>Keeps what a capture engine or parser hands on, in order.</summary>
internal sealed class CollectingSink : ICaptureSink
{
    public List<SyscallEvent> Events { get; } = [];

    public List<long> LostCounts { get; } = [];

    public List<long> DrainedAt { get; } = [];

    public void Event(in SyscallEvent e) => Events.Add(e);

    public void Lost(long count) => LostCounts.Add(count);

    public void Drained(long monotonicNs) => DrainedAt.Add(monotonicNs);
}
