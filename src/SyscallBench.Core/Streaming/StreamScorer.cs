using SyscallBench.Core.Probes.Generalization;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Streaming;

/// <summary>A scored window, whether it passed the threshold, and why (for alerts only).</summary>
public sealed record WindowResult(ScoredWindow Scored, bool IsAlert, WindowExplanation? Explanation);

/// <summary>A process (trace) that ended, its trace score and the summary of its windows.</summary>
/// <param name="End">How it ended, with its call count.</param>
/// <param name="TraceScore">The detector's score of the whole trace; null when the trace was too long to keep.</param>
/// <param name="Alerts">How many of its windows passed the threshold.</param>
/// <param name="MaxWindowScore">Its highest window score.</param>
/// <param name="Timeline">Its last <see cref="StreamScorer.TimelineLength"/> window scores, oldest first.</param>
public sealed record TraceResult(ProcessEnd End, double? TraceScore, long Alerts, double MaxWindowScore, IReadOnlyList<double> Timeline);

/// <summary>Receives results as they are produced (the CLI prints them at once).</summary>
public interface IScoreSink
{
    void Window(WindowResult result);

    void TraceEnd(TraceResult result);
}

/// <summary>
/// Scores a stream of process events with a fitted detector: cuts windows (<see cref="WindowStream"/>),
/// scores them (<see cref="WindowScorer"/>), raises an alert for every window scoring strictly above the
/// calibrated threshold, explains alerts (<see cref="WindowExplainer"/>) and gives every ended process its
/// trace score. Results reach the sink in input order.
/// </summary>
/// <remarks>
/// Windows are scored in batches of up to <see cref="BatchWindows"/> (detectors score batches in parallel);
/// call <see cref="Flush"/> to score what is pending at once, e.g. after each line of live input, so
/// alerts appear while the traced program runs. Memory: the stream's bound, plus per open process a
/// timeline of <see cref="TimelineLength"/> scores, plus at most one batch of pending windows.
/// </remarks>
public sealed class StreamScorer(WindowStream stream, WindowScorer scorer, WindowExplainer explainer, TrainingThreshold threshold, IScoreSink sink)
{
    public const int TimelineLength = 48;
    public const int BatchWindows = 256;

    private readonly List<StreamItem> _items = [];
    private readonly List<StreamItem> _pending = [];
    private readonly Dictionary<string, ProcessSummary> _summaries = new(StringComparer.Ordinal);
    private int _pendingWindows;

    public TrainingThreshold Threshold { get; } = threshold;

    public long Windows { get; private set; }

    public long Alerts { get; private set; }

    public long TracesEnded { get; private set; }

    public void Push(ProcessEvent e, CancellationToken cancellation = default)
    {
        stream.Push(e, _items);
        Take(cancellation);
    }

    /// <summary>The input ended: every open process ends and everything pending is scored.</summary>
    public void Finish(CancellationToken cancellation = default)
    {
        stream.Finish(_items);
        Take(cancellation);
        Flush(cancellation);
    }

    /// <summary>Scores the pending windows and hands every pending result to the sink, in order.</summary>
    public void Flush(CancellationToken cancellation = default)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var windows = _pending.OfType<CallWindow>().ToArray();
        var scored = scorer.Score(windows, cancellation);
        var next = 0;
        foreach (var item in _pending)
        {
            if (item is CallWindow)
            {
                Emit(scored[next++]);
            }
            else if (item is ProcessEnd end)
            {
                Emit(end);
            }
        }

        _pending.Clear();
        _pendingWindows = 0;
    }

    private void Take(CancellationToken cancellation)
    {
        foreach (var item in _items)
        {
            _pending.Add(item);
            if (item is CallWindow && ++_pendingWindows >= BatchWindows)
            {
                Flush(cancellation);
            }
        }

        _items.Clear();
    }

    private void Emit(ScoredWindow scored)
    {
        Windows++;
        var isAlert = Threshold.Flags(scored.Score);
        var summary = Summary(scored.Window.Process);
        summary.Add(scored.Score, isAlert);
        if (isAlert)
        {
            Alerts++;
        }

        sink.Window(new WindowResult(scored, isAlert, isAlert ? explainer.Explain(scored) : null));
    }

    private void Emit(ProcessEnd end)
    {
        TracesEnded++;
        _summaries.Remove(end.Process, out var summary);
        summary ??= new ProcessSummary();
        var traceScore = end.Trace is { Length: > 0 } calls ? scorer.Detector.Score(Trace.Normal(end.Process, calls)).Value : (double?)null;
        sink.TraceEnd(new TraceResult(end, traceScore, summary.Alerts, summary.Max, summary.Timeline()));
    }

    private ProcessSummary Summary(string process)
    {
        if (!_summaries.TryGetValue(process, out var summary))
        {
            summary = new ProcessSummary();
            _summaries.Add(process, summary);
        }

        return summary;
    }

    private sealed class ProcessSummary
    {
        private readonly double[] _ring = new double[TimelineLength];
        private long _count;

        public long Alerts { get; private set; }

        public double Max { get; private set; } = double.NegativeInfinity;

        public void Add(double score, bool isAlert)
        {
            _ring[_count++ % TimelineLength] = score;
            Max = Math.Max(Max, score);
            Alerts += isAlert ? 1 : 0;
        }

        public double[] Timeline()
        {
            var length = (int)Math.Min(_count, TimelineLength);
            return Enumerable.Range(0, length).Select(i => _ring[(_count - length + i) % TimelineLength]).ToArray();
        }
    }
}
