using System.Globalization;
using SyscallBench.Core.Recording.Sc;

namespace SyscallBench.Core.Recording;

/// <summary>Messages of a recording for the console (standard error, so `record -` keeps standard output for .sc lines).</summary>
public interface IRecordingLog
{
    void Note(string message);

    void Warning(string message);
}

/// <summary>Warns on the console, at most once a second, while lost events are reported.</summary>
public sealed class LostEventWarnings(IRecordingLog log)
{
    private DateTime _lastWarning = DateTime.MinValue;

    public long Total { get; private set; }

    public void Add(long count)
    {
        Total += count;
        if (DateTime.UtcNow - _lastWarning > TimeSpan.FromSeconds(1))
        {
            _lastWarning = DateTime.UtcNow;
            log.Warning($"{Total.ToString("N0", CultureInfo.InvariantCulture)} events lost so far: the kernel buffer was full (raise --buffer-mb, or record fewer cgroups).");
        }
    }
}

/// <summary>
/// Where events go on their way out: back into time order (<see cref="ReorderBuffer"/>), then out as .sc lines through
/// the writer of the event's cgroup; lost events are counted. Fed by the engine directly when streaming to standard
/// output, or by <see cref="EventSpool.Replay"/> after capturing for recordings written to files.
/// </summary>
internal sealed class RecordingSink : ICaptureSink
{
    /// <summary>Events an engine delivers after saying it caught up can still be this much older (reserved, not yet committed).</summary>
    private const long DrainMarginNs = 10_000_000;

    private readonly Func<ulong, ScWriter> _writerFor;
    private readonly Action? _afterDrain;
    private readonly LostEventWarnings? _warnings;
    private readonly ReorderBuffer _reorder;

    /// <param name="writerFor">The writer of a cgroup's recording.</param>
    /// <param name="maxDisorderNs">How far out of order the engine delivers (<see cref="ICaptureEngine.MaxDisorderNs"/>).</param>
    /// <param name="warnings">Told of lost events as they come (live streaming), or null when they were warned about already (a replayed spool).</param>
    /// <param name="afterDrain">Called after each release of held events (flushes standard output when streaming), or null.</param>
    public RecordingSink(Func<ulong, ScWriter> writerFor, long maxDisorderNs, LostEventWarnings? warnings, Action? afterDrain)
    {
        _writerFor = writerFor;
        _afterDrain = afterDrain;
        _warnings = warnings;
        _reorder = new ReorderBuffer(maxDisorderNs, e => _writerFor(e.CgroupId).Write(e));
    }

    public long LostEvents { get; private set; }

    public long OutOfOrder => _reorder.LateEvents;

    public void Event(in SyscallEvent e) => _reorder.Add(e);

    public void Lost(long count)
    {
        LostEvents += count;
        _warnings?.Add(count);
    }

    public void Drained(long monotonicNs)
    {
        _reorder.ReleaseUpTo(monotonicNs - DrainMarginNs);
        _afterDrain?.Invoke();
    }

    /// <summary>Writes out everything held back (the capture has ended).</summary>
    public void Finish() => _reorder.Flush();
}
