using System.Globalization;

namespace SyscallBench.Core.Traces;

/// <summary>
/// Cuts a timed recording into consecutive slices of a fixed length, each its own recording: how one long recording
/// (or the single LID-DS sample) gives recordings to train, validate and test on, in the order a deployment sees them.
/// </summary>
/// <remarks>
/// Slice k covers [start + k·length, start + (k+1)·length) of the recording's observed period (the last one ends with
/// the recording) and keeps the calls timed inside it, with their streams and times (still on the recording's clock, so
/// a timeline shows where the slice lies). A slice that ends after the attack started is an attack (with the
/// recording's family); its attack start is the recording's, or the slice's own start when the attack was already
/// running, so latency is measured from the moment the slice could first show it. Slices without calls are left out.
/// Ids are "recording@12s" (the slice's start, in seconds since the recording's first event).
/// </remarks>
public static class RecordingSegments
{
    public static IReadOnlyList<Trace> Cut(Trace recording, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        if (recording.Timeline is not { Times: { } times } timeline)
        {
            throw new ArgumentException($"{recording.Id}: only a timed recording can be cut into slices of time.", nameof(recording));
        }

        var count = Math.Max(1, (int)Math.Ceiling(timeline.Duration / seconds));
        var members = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < times.Length; i++)
        {
            var slice = Math.Clamp((int)Math.Floor((times[i] - timeline.Start) / seconds), 0, count - 1);
            members[slice].Add(i);
        }

        var segments = new List<Trace>();
        for (var k = 0; k < count; k++)
        {
            if (members[k].Count == 0)
            {
                continue;
            }

            var start = timeline.Start + k * seconds;
            var end = k == count - 1 ? timeline.End : start + seconds;
            var isAttack = timeline.AttackStart is { } attack && attack < end;
            var calls = members[k].Select(i => recording.Calls[i]).ToArray();
            var usedStreams = members[k].Select(timeline.StreamOf).Distinct().Order().ToArray();
            var streamIndex = usedStreams.Select((s, j) => (s, j)).ToDictionary(p => p.s, p => p.j);
            var segmentTimeline = new TraceTimeline(
                usedStreams.Select(s => timeline.Streams[s]).ToArray(),
                usedStreams.Length == 1 ? null : members[k].Select(i => streamIndex[timeline.StreamOf(i)]).ToArray(),
                members[k].Select(i => times[i]).ToArray(),
                isAttack ? Math.Max(timeline.AttackStart!.Value, start) : null,
                start,
                end,
                recording.Id);
            var id = $"{recording.Id}@{(start - timeline.Start).ToString("0.###", CultureInfo.InvariantCulture)}s";
            segments.Add(new Trace(id, calls, isAttack ? TraceLabel.Attack : TraceLabel.Normal, isAttack ? recording.Family : null, recording.Source)
            {
                Timeline = segmentTimeline,
            });
        }

        return segments;
    }
}
