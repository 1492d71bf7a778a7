using System.Globalization;

namespace SyscallBench.Core.Traces;

/// <summary>
/// Collects a recording's calls as they are read (thread, process, time, syscall) into one trace with a
/// <see cref="TraceTimeline"/>: the calls in recording order, each call's stream by the chosen
/// <see cref="RecordingStreams"/>, and times in seconds since the recording's first event; its observed period runs
/// from the first event to the last.
/// </summary>
/// <remarks>
/// Memory: 16 bytes per call kept (number, stream, time) while it grows, whatever the source's size. A thread's
/// time going backwards is an error naming the line: windows by time and alarm times would be wrong silently.
/// </remarks>
internal sealed class RecordingBuilder(string source, RecordingStreams streams)
{
    private readonly List<int> _calls = [];
    private readonly List<int> _streamOfCall = [];
    private readonly List<long> _times = [];
    private readonly List<string> _streamNames = [];
    private readonly Dictionary<long, int> _streamByKey = [];
    private readonly Dictionary<int, ThreadState> _threads = [];
    private bool _timed = true;
    private ThreadState? _lastThread;
    private int _lastThreadId;
    private long? _firstEvent;
    private long _lastEvent;

    public int Calls => _calls.Count;

    /// <summary>
    /// Notes an event that is not a call (a '&lt;' line when calls are the '&gt;' lines): the recording's observed period
    /// runs from its first event to its last, calls or not.
    /// </summary>
    public void Observe(long time)
    {
        _firstEvent ??= time;
        _lastEvent = Math.Max(_lastEvent, time);
    }

    /// <param name="processId">The pid; -1 when the source has none.</param>
    /// <param name="threadId">The thread id.</param>
    /// <param name="processName">The process's name, for stream names.</param>
    /// <param name="time">Nanoseconds on the source's clock; null when the source has no times.</param>
    /// <param name="syscall">The call's number.</param>
    /// <param name="line">The source line, for messages.</param>
    public void Add(int processId, int threadId, string processName, long? time, int syscall, long line)
    {
        // Consecutive calls are often the same thread's: skip the dictionary then.
        var thread = _lastThread is { } last && _lastThreadId == threadId ? last : null;
        if (thread is null && !_threads.TryGetValue(threadId, out thread))
        {
            var (key, name) = streams switch
            {
                RecordingStreams.Thread => ((long)threadId, $"{processName} tid {threadId.ToString(CultureInfo.InvariantCulture)}"),
                RecordingStreams.Process => (1L << 32 | (uint)processId, $"{processName} pid {processId.ToString(CultureInfo.InvariantCulture)}".TrimStart()),
                _ => (-1L, "all"),
            };
            if (!_streamByKey.TryGetValue(key, out var stream))
            {
                stream = _streamNames.Count;
                _streamByKey.Add(key, stream);
                _streamNames.Add(name);
            }

            thread = new ThreadState { Stream = stream };
            _threads.Add(threadId, thread);
        }

        (_lastThread, _lastThreadId) = (thread, threadId);

        if (time is { } t)
        {
            if (thread.Line > 0 && t < thread.Time)
            {
                throw new DatasetException($"{source}:{line.ToString(CultureInfo.InvariantCulture)}: time goes backwards in thread "
                    + $"{threadId.ToString(CultureInfo.InvariantCulture)} ({t.ToString(CultureInfo.InvariantCulture)} ns after "
                    + $"{thread.Time.ToString(CultureInfo.InvariantCulture)} ns on line {thread.Line.ToString(CultureInfo.InvariantCulture)}).");
            }

            thread.Time = t;
            _times.Add(t);
            Observe(t);
        }
        else
        {
            _timed = false;
        }

        thread.Line = line;
        _calls.Add(syscall);
        _streamOfCall.Add(thread.Stream);
    }

    /// <summary>
    /// The origin: the first event's time (nanoseconds on the source's clock; the first call's unless <see cref="Observe"/> saw
    /// an earlier event); null without calls or times.
    /// </summary>
    public long? Origin => _timed && _times.Count > 0 ? _firstEvent : null;

    /// <summary>The recording as a trace; times become seconds since <see cref="Origin"/>.</summary>
    /// <param name="id">The trace id.</param>
    /// <param name="label">Normal or attack.</param>
    /// <param name="family">The attack family; null for normal recordings.</param>
    /// <param name="attackStart">The attack's start in nanoseconds on the source's clock; null when normal or unknown.</param>
    public Trace Build(string id, TraceLabel label, string? family, long? attackStart)
    {
        var calls = _calls.ToArray();
        double[]? times = null;
        double? attack = null;
        double? end = null;
        if (Origin is { } origin)
        {
            times = new double[_times.Count];
            for (var i = 0; i < times.Length; i++)
            {
                times[i] = (_times[i] - origin) / 1e9;
            }

            attack = attackStart is { } a ? (a - origin) / 1e9 : null;
            end = (_lastEvent - origin) / 1e9;
        }

        var timeline = new TraceTimeline(_streamNames.ToArray(), _streamNames.Count == 1 ? null : _streamOfCall.ToArray(), times, attack,
            times is null ? null : 0, end);
        return new Trace(id, calls, label, family, source) { Timeline = timeline };
    }

    private sealed class ThreadState
    {
        public int Stream { get; init; }

        public long Time { get; set; }

        public long Line { get; set; }
    }
}
