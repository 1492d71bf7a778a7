using System.Text.Json;
using SyscallBench.Core.Probes.Generalization;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Streaming;

/// <summary>
/// The window scores of known-normal traces, from which the alert threshold at a false-alarm rate is set:
/// the threshold is chosen at the granularity that is alerted on (windows), from normal data only.
/// </summary>
/// <param name="Source">Which traces set it, in words (printed with every result, kept in the cache).</param>
/// <param name="Window">The windowing it was computed with (<see cref="WindowSpec.ToString"/>).</param>
/// <param name="Traces">How many normal traces (processes) were replayed.</param>
/// <param name="Calls">How many calls they made.</param>
/// <param name="Scores">Every normal window's score, ascending.</param>
public sealed record WindowCalibration(string Source, string Window, int Traces, long Calls, double[] Scores)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// The threshold at a target false-alarm rate, with the rule of the evaluation's operating points: the
    /// smallest normal window score such that at most that share of normal windows scores strictly above it.
    /// </summary>
    public TrainingThreshold ThresholdAt(double falseAlarmRate) =>
        Scores.Length > 0
            ? TrainingThreshold.At(Scores, falseAlarmRate)
            : throw new SyscallBenchException($"calibration on {Source}: no windows to set a threshold on.");

    /// <summary>Replays normal traces (each ends with its exit) through the windowing and scores every window.</summary>
    /// <param name="source">Which traces, in words.</param>
    /// <param name="spec">The windowing.</param>
    /// <param name="scorer">Scores the windows.</param>
    /// <param name="traces">The normal traces' events, one trace (a file, or a dataset trace) at a time.</param>
    /// <param name="maxProcesses">The process cap of the windowing that is scored (a calibration file may hold many
    /// processes): evicting a process cuts its windows, so calibration must evict as scoring does.</param>
    /// <param name="cancellation">Stops scoring.</param>
    public static WindowCalibration Compute(string source, WindowSpec spec, WindowScorer scorer,
        IEnumerable<IEnumerable<ProcessEvent>> traces, int maxProcesses, CancellationToken cancellation = default)
    {
        const int batch = 512;
        var stream = new WindowStream(spec, maxProcesses, maxTraceCalls: 0);
        var items = new List<StreamItem>();
        var pending = new List<CallWindow>();
        var scores = new List<double>();
        var traceCount = 0;
        long calls = 0;

        void ScorePending()
        {
            scores.AddRange(scorer.Score(pending, cancellation).Select(s => s.Score));
            pending.Clear();
        }

        foreach (var trace in traces)
        {
            foreach (var e in trace)
            {
                stream.Push(e, items);
            }

            stream.Finish(items); // one trace at a time: its end closes its last window
            foreach (var item in items)
            {
                if (item is CallWindow window)
                {
                    pending.Add(window);
                }
                else if (item is ProcessEnd end)
                {
                    traceCount++;
                    calls += end.Calls;
                }
            }

            items.Clear();
            if (pending.Count >= batch)
            {
                ScorePending();
            }
        }

        ScorePending();
        var sorted = scores.ToArray();
        Array.Sort(sorted);
        return new WindowCalibration(source, spec.ToString(), traceCount, calls, sorted);
    }

    /// <summary>
    /// The events of a trace: its calls, then its exit. A recording (<see cref="Trace.Timeline"/>) replays as its streams,
    /// each a process "recording#stream" with its calls' times, as a run scored it; a plain trace as one process without times.
    /// </summary>
    public static IEnumerable<ProcessEvent> Replay(Trace trace)
    {
        if (trace.Timeline is { } timeline)
        {
            var names = timeline.Streams.Select(s => $"{trace.Id}#{s}").ToArray();
            for (var i = 0; i < trace.Calls.Length; i++)
            {
                yield return ProcessEvent.Call(names[timeline.StreamOf(i)], timeline.Times?[i], trace.Calls[i]);
            }

            foreach (var name in names)
            {
                yield return ProcessEvent.Exit(name, null);
            }

            yield break;
        }

        foreach (var call in trace.Calls)
        {
            yield return ProcessEvent.Call(trace.Id, null, call);
        }

        yield return ProcessEvent.Exit(trace.Id, null);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The calibration in <paramref name="json"/>, or null when it is not a whole one.</summary>
    public static WindowCalibration? TryFromJson(string json)
    {
        try
        {
            // Missing members deserialize as null despite the record's non-nullable types: check them.
            return JsonSerializer.Deserialize<WindowCalibration>(json, Json) is { Source: not null, Window: not null, Scores: not null } calibration
                ? calibration
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
