using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Streaming;

/// <summary>A recording's windows, scored: every window's end time (when timed) and score, and its highest windows kept whole.</summary>
/// <param name="Recording">The recording.</param>
/// <param name="Ends">Each window's end time in seconds, ascending; null when the recording has no times.</param>
/// <param name="Scores">Each window's score, aligned with <paramref name="Ends"/> (untimed: in the order the windows closed).</param>
/// <param name="Top">Its highest-scoring windows, highest first (at most the number asked for), for explanations.</param>
public sealed record ScoredRecordingWindows(Trace Recording, double[]? Ends, double[] Scores, IReadOnlyList<ScoredWindow> Top)
{
    /// <summary>The highest window score: the recording's score under <see cref="RecordingScore.MaxWindow"/>.</summary>
    public double MaxScore => Scores.Max();

    /// <summary>The form the time-aware evaluation reads; only for timed recordings.</summary>
    public ScoredRecording ForEvaluation()
    {
        var timeline = Recording.Timeline!;
        return new ScoredRecording(Recording.Id, Recording.Label, Recording.Family, timeline.Start, timeline.End, timeline.AttackStart,
            Ends ?? throw new InvalidOperationException($"{Recording.Id} has no times."), Scores);
    }
}

/// <summary>
/// Scores recordings window by window: each recording's calls are replayed, stream by stream, through the windowing of
/// `score` (<see cref="WindowStream"/>: windows of one stream's calls, with the calls before them as context) and
/// scored by <see cref="WindowScorer"/>, so every detector works on recordings exactly as on a live stream.
/// </summary>
/// <remarks>
/// A recording is replayed on its own (its streams' last windows close at its end) with room for all its streams, so
/// none is evicted. Windows are scored in batches across recordings (detectors score batches in parallel). Memory: the
/// windows of one batch, plus per recording its window ends and scores and its <c>top</c> windows.
/// </remarks>
public static class RecordingScorer
{
    private const int BatchWindows = 2048;

    /// <param name="recordings">Recordings (traces with timelines).</param>
    /// <param name="scorer">Scores windows with the fitted detector.</param>
    /// <param name="spec">The windowing; by seconds only for timed recordings.</param>
    /// <param name="top">How many of each recording's highest windows to keep whole (0: none).</param>
    /// <param name="cancellation">Stops scoring.</param>
    /// <exception cref="SyscallBenchException">Windows by seconds over a recording without times.</exception>
    public static IReadOnlyList<ScoredRecordingWindows> Score(IReadOnlyList<Trace> recordings, WindowScorer scorer, WindowSpec spec, int top,
        CancellationToken cancellation = default)
    {
        var results = recordings.Select(r => new Collected(r, top)).ToArray();
        var pending = new List<(int Recording, CallWindow Window)>();
        var items = new List<StreamItem>();

        void ScorePending()
        {
            var scored = scorer.Score(pending.Select(p => p.Window).ToArray(), cancellation);
            for (var i = 0; i < scored.Count; i++)
            {
                results[pending[i].Recording].Add(scored[i]);
            }

            pending.Clear();
        }

        for (var r = 0; r < recordings.Count; r++)
        {
            cancellation.ThrowIfCancellationRequested();
            var recording = recordings[r];
            var timeline = recording.Timeline ?? throw new ArgumentException($"{recording.Id} is not a recording (no timeline).", nameof(recordings));
            if (spec.IsTimed && timeline.Times is null)
            {
                throw new SyscallBenchException($"{recording.Source}: recording {recording.Id} has no times, but windows by seconds need them; use window_calls.");
            }

            var stream = new WindowStream(spec, maxProcesses: timeline.Streams.Count, maxTraceCalls: 0);
            for (var i = 0; i < recording.Calls.Length; i++)
            {
                stream.Push(ProcessEvent.Call(timeline.Streams[timeline.StreamOf(i)], timeline.Times?[i], recording.Calls[i]), items);
                Take(r);
            }

            stream.Finish(items);
            Take(r);
            if (pending.Count >= BatchWindows)
            {
                ScorePending();
            }
        }

        ScorePending();
        return results.Select(c => c.Result()).ToArray();

        void Take(int recording)
        {
            foreach (var item in items)
            {
                if (item is CallWindow window)
                {
                    pending.Add((recording, window));
                }
            }

            items.Clear();
        }
    }

    private sealed class Collected(Trace recording, int top)
    {
        private readonly List<(double End, double Score)> _windows = [];
        private readonly List<ScoredWindow> _top = [];

        public void Add(ScoredWindow scored)
        {
            _windows.Add((scored.Window.End ?? double.NaN, scored.Score));
            if (top == 0)
            {
                return;
            }

            // Highest first; a later window goes after equal earlier ones, so ties keep time order.
            var at = _top.FindIndex(t => scored.Score > t.Score);
            if (at < 0)
            {
                if (_top.Count < top)
                {
                    _top.Add(scored);
                }

                return;
            }

            _top.Insert(at, scored);
            if (_top.Count > top)
            {
                _top.RemoveAt(_top.Count - 1);
            }
        }

        public ScoredRecordingWindows Result()
        {
            if (_windows.Count == 0)
            {
                throw new InvalidOperationException($"{recording.Id}: a recording with calls gave no windows.");
            }

            if (recording.Timeline!.Times is null)
            {
                return new ScoredRecordingWindows(recording, null, _windows.Select(w => w.Score).ToArray(), _top);
            }

            // Windows close in call order, but a recording's end closes its streams' last windows together: sort by end (stable).
            var ordered = _windows.OrderBy(w => w.End).ToArray();
            return new ScoredRecordingWindows(recording, ordered.Select(w => w.End).ToArray(), ordered.Select(w => w.Score).ToArray(), _top);
        }
    }
}
