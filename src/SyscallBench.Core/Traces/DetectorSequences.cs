namespace SyscallBench.Core.Traces;

/// <summary>
/// The sequences detectors fit on and score: a plain trace is one sequence; a recording (a trace with a
/// <see cref="TraceTimeline"/>) is one sequence per stream, so detectors learn each thread's or process's calls
/// in order instead of several interleaved at random by the scheduler.
/// </summary>
public static class DetectorSequences
{
    /// <summary>Every trace's sequences, in order: plain traces as they are, recordings split into their streams.</summary>
    public static IReadOnlyList<Trace> Of(IReadOnlyList<Trace> traces) =>
        traces.Any(t => t.Timeline is not null) ? traces.SelectMany(StreamsOf).ToArray() : traces;

    /// <summary>
    /// A recording's streams as traces with its label and source, ids "recording#stream", in order of each
    /// stream's first call; a recording of one stream (or a plain trace) is itself.
    /// </summary>
    public static IReadOnlyList<Trace> StreamsOf(Trace trace)
    {
        if (trace.Timeline is not { StreamOfCall: { } streamOfCall } timeline || timeline.Streams.Count == 1)
        {
            return [trace];
        }

        var counts = new int[timeline.Streams.Count];
        foreach (var stream in streamOfCall)
        {
            counts[stream]++;
        }

        var calls = counts.Select(n => new int[n]).ToArray();
        var filled = new int[counts.Length];
        var order = new List<int>(counts.Length);
        for (var i = 0; i < streamOfCall.Length; i++)
        {
            var stream = streamOfCall[i];
            if (filled[stream] == 0)
            {
                order.Add(stream);
            }

            calls[stream][filled[stream]++] = trace.Calls[i];
        }

        return order.Select(s => new Trace($"{trace.Id}#{timeline.Streams[s]}", calls[s], trace.Label, trace.Family, trace.Source)).ToArray();
    }
}
