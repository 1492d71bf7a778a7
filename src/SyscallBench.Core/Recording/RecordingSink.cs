using System.Globalization;
using SyscallBench.Core.Recording.Sc;

namespace SyscallBench.Core.Recording;

/// <summary>Messages of a recording for the console (standard error, so `record -` keeps standard output for .sc lines).</summary>
public interface IRecordingLog
{
    void Note(string message);

    void Warning(string message);
}

/// <summary>
/// Where a capture engine's events go: back into time order (<see cref="ReorderBuffer"/>), then out as .sc lines through
/// the writer of the event's cgroup; lost events are counted and reported on the console as they grow.
/// </summary>
internal sealed class RecordingSink : ICaptureSink
{
    /// <summary>Events an engine delivers after saying it caught up can still be this much older (reserved, not yet committed).</summary>
    private const long DrainMarginNs = 10_000_000;

    private readonly Func<ulong, ScWriter> _writerFor;
    private readonly Action? _afterDrain;
    private readonly IRecordingLog _log;
    private readonly ReorderBuffer _reorder;
    private DateTime _lastLostWarning = DateTime.MinValue;

    public RecordingSink(Func<ulong, ScWriter> writerFor, long maxDisorderNs, IRecordingLog log, Action? afterDrain)
    {
        _writerFor = writerFor;
        _afterDrain = afterDrain;
        _log = log;
        _reorder = new ReorderBuffer(maxDisorderNs, e => _writerFor(e.CgroupId).Write(e));
    }

    public long LostEvents { get; private set; }

    public long OutOfOrder => _reorder.LateEvents;

    public void Event(in SyscallEvent e) => _reorder.Add(e);

    public void Lost(long count)
    {
        LostEvents += count;
        if (DateTime.UtcNow - _lastLostWarning > TimeSpan.FromSeconds(1))
        {
            _lastLostWarning = DateTime.UtcNow;
            _log.Warning($"{LostEvents.ToString("N0", CultureInfo.InvariantCulture)} events lost so far: the kernel buffer was full (raise --buffer-mb, or record fewer cgroups).");
        }
    }

    public void Drained(long monotonicNs)
    {
        _reorder.ReleaseUpTo(monotonicNs - DrainMarginNs);
        _afterDrain?.Invoke();
    }

    /// <summary>Writes out everything held back (the capture has ended).</summary>
    public void Finish() => _reorder.Flush();
}
