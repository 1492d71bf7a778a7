namespace SyscallBench.Core.Traces;

/// <summary>
/// The when and the who of a recording's calls: which stream (thread, process) made each call, at what time,
/// and when the attack in it started. A trace with a timeline is a recording: the decision unit that is labelled
/// and scored, while detectors fit on and score its streams (<see cref="DetectorSequences"/>).
/// </summary>
/// <remarks>
/// Times are seconds since the recording's first event (its origin), so doubles keep sub-nanosecond precision
/// for recordings of any length and the attack start compares with call times exactly as it does in the source's
/// own nanoseconds. The observed period [<see cref="Start"/>, <see cref="End"/>] is what false alarms per hour
/// are counted over: by default the first to the last call; a segment cut from a longer recording covers its
/// whole slice.
/// </remarks>
public sealed class TraceTimeline
{
    /// <param name="streams">The streams' names ("apache2 tid 2902774"), at least one; stream i is index i.</param>
    /// <param name="streamOfCall">The stream of each call; null when there is one stream.</param>
    /// <param name="times">Each call's time in seconds since the origin, non-decreasing within a stream; null without times.</param>
    /// <param name="attackStart">When the attack started, on the same clock; null for a normal recording or an unknown start.</param>
    /// <param name="start">Start of the observed period (default: the first call's time, or 0).</param>
    /// <param name="end">End of the observed period (default: the last call's time, or 0).</param>
    /// <param name="sliceOf">For a slice cut from a longer recording (<see cref="RecordingSegments"/>): that recording's id.</param>
    public TraceTimeline(IReadOnlyList<string> streams, int[]? streamOfCall, double[]? times, double? attackStart = null,
        double? start = null, double? end = null, string? sliceOf = null)
    {
        SliceOf = sliceOf;
        if (streams.Count == 0)
        {
            throw new ArgumentException("A timeline needs at least one stream.", nameof(streams));
        }

        if (streamOfCall is null && streams.Count != 1)
        {
            throw new ArgumentException($"{streams.Count} streams need a stream for each call.", nameof(streamOfCall));
        }

        Streams = streams;
        StreamOfCall = streamOfCall;
        Times = times;
        AttackStart = attackStart;
        Start = start ?? (times is { Length: > 0 } ? times.Min() : 0);
        End = end ?? (times is { Length: > 0 } ? times.Max() : 0);
    }

    public IReadOnlyList<string> Streams { get; }

    /// <summary>The stream index of each call; null: every call is stream 0.</summary>
    public int[]? StreamOfCall { get; }

    /// <summary>Seconds since the origin, one per call; null when the source had no times.</summary>
    public double[]? Times { get; }

    /// <summary>The attack's start in seconds since the origin; null for normal recordings or when unknown.</summary>
    public double? AttackStart { get; }

    public double Start { get; }

    /// <summary>The recording this one was sliced from (its times are on that recording's clock); null for a whole recording.</summary>
    public string? SliceOf { get; }

    public double End { get; }

    /// <summary>Seconds observed: <see cref="End"/> - <see cref="Start"/>.</summary>
    public double Duration => End - Start;

    public int StreamOf(int call) => StreamOfCall?[call] ?? 0;

    /// <summary>Checks the timeline against its trace's calls; the message names the trace.</summary>
    public void Validate(Trace trace)
    {
        if (StreamOfCall is { } streams && streams.Length != trace.Length)
        {
            throw new ArgumentException($"{trace.Id}: {streams.Length} stream indices for {trace.Length} calls.");
        }

        if (Times is { } times && times.Length != trace.Length)
        {
            throw new ArgumentException($"{trace.Id}: {times.Length} times for {trace.Length} calls.");
        }

        if (StreamOfCall?.FirstOrDefault(s => s < 0 || s >= Streams.Count, -1) is >= 0 and var bad)
        {
            throw new ArgumentException($"{trace.Id}: stream index {bad} outside the {Streams.Count} streams.");
        }
    }
}
