namespace SyscallBench.Core.Recording;

/// <summary>
/// Puts events back into time order before they are written: eBPF engines collect events per CPU (bpftrace's perf
/// buffers) or in reservation order (the ring buffer), so events of different CPUs, and of one thread that moved
/// between CPUs, can arrive out of order.
/// </summary>
/// <remarks>
/// Holds every event until one at least <see cref="LagNs"/> newer has arrived, then releases them oldest first
/// (a priority queue on the timestamp, ties in arrival order). An event that arrives after newer ones were already
/// released is passed on at once and counted in <see cref="LateEvents"/>, so a disorder larger than the lag is
/// never silent; the recording's JSON stores the count.
/// </remarks>
public sealed class ReorderBuffer(long lagNs, Action<SyscallEvent> release)
{
    private readonly PriorityQueue<SyscallEvent, (long Time, long Order)> _pending = new();
    private long _arrivals;
    private long _newest = long.MinValue;
    private long _released = long.MinValue;

    public long LagNs { get; } = lagNs;

    /// <summary>Events that came later than the lag allows and were passed on out of order.</summary>
    public long LateEvents { get; private set; }

    public int Pending => _pending.Count;

    public void Add(in SyscallEvent e)
    {
        if (e.MonotonicNs < _released)
        {
            LateEvents++;
            release(e);
            return;
        }

        _pending.Enqueue(e, (e.MonotonicNs, _arrivals++));
        if (e.MonotonicNs > _newest)
        {
            _newest = e.MonotonicNs;
        }

        ReleaseUpTo(_newest - LagNs);
    }

    /// <summary>Releases the held events up to <paramref name="horizonNs"/>, oldest first: the engine has delivered everything older.</summary>
    public void ReleaseUpTo(long horizonNs)
    {
        while (_pending.TryPeek(out _, out var key) && key.Time <= horizonNs)
        {
            ReleaseOldest();
        }
    }

    /// <summary>Releases everything held, oldest first (at the end of a recording).</summary>
    public void Flush()
    {
        while (_pending.Count > 0)
        {
            ReleaseOldest();
        }
    }

    private void ReleaseOldest()
    {
        var e = _pending.Dequeue();
        _released = Math.Max(_released, e.MonotonicNs);
        release(e);
    }
}
