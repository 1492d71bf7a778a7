using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Reports.Charts;

namespace SyscallBench.Reports.OverTime;

/// <summary>One recording the report draws, with each detector's timeline of it.</summary>
/// <param name="Id">The recording.</param>
/// <param name="Role">"most anomalous attack #1", "typical normal".</param>
/// <param name="Timelines">Each row's timeline of the recording, in row order; rows without it are left out.</param>
internal sealed record DrawnRecording(string Id, string Role, IReadOnlyList<(ReportRow Row, RecordingTimeline Timeline)> Timelines)
{
    public RecordingTimeline First => Timelines[0].Timeline;
}

/// <summary>
/// Which recordings the over-time section draws: the <see cref="Attacks"/> most anomalous attack recordings (highest mean
/// percentile of their score among all test recordings, over the detectors: the ones every detector found odd) and the
/// typical normal one each unit kept (the test normal of median length). Only recordings every drawing detector kept.
/// Slices cut from one recording (<see cref="RecordingTimeline.SliceOf"/>) are drawn together as that recording: its
/// score the highest of theirs, its exploit start the earliest of theirs.
/// </summary>
internal static class TimelineSelection
{
    public const int Attacks = 3;

    public static IReadOnlyList<DrawnRecording> Of(IReadOnlyList<ReportRow> rows)
    {
        var drawing = rows.Where(r => r.Result.OverTime is { Timelines.Count: > 0 }).ToArray();
        if (drawing.Length == 0)
        {
            return [];
        }

        var recordings = drawing.Select(r => Whole(r.Result.OverTime!.Timelines).ToDictionary(t => t.Id, StringComparer.Ordinal)).ToArray();
        var sortedScores = drawing.Select(r => r.Result.Scores.Select(s => s.Score).Order().ToArray()).ToArray();
        double MeanPercentile(string id) =>
            Enumerable.Range(0, drawing.Length).Average(i => (double)UpperBound(sortedScores[i], recordings[i][id].Score) / sortedScores[i].Length);

        var common = recordings.Select(r => r.Keys.ToHashSet(StringComparer.Ordinal)).Aggregate((a, b) => { a.IntersectWith(b); return a; });
        var candidates = recordings[0].Values.Where(t => common.Contains(t.Id)).ToArray();
        var attacks = candidates.Where(t => t.IsAttack)
            .OrderByDescending(t => MeanPercentile(t.Id))
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .Take(Attacks)
            .Select((t, i) => (t.Id, Role: $"most anomalous attack #{i + 1}"));
        var normals = candidates.Where(t => !t.IsAttack).OrderBy(t => t.End - t.Start).ThenBy(t => t.Id, StringComparer.Ordinal).ToArray();
        var normal = normals.Skip((normals.Length - 1) / 2).Take(1).Select(t => (t.Id, Role: "typical normal (median length)"));
        return attacks.Concat(normal)
            .Select(p => new DrawnRecording(p.Id, p.Role, drawing.Select((r, i) => (r, recordings[i][p.Id])).ToArray()))
            .ToArray();
    }

    /// <summary>The timelines as whole recordings: slices of one recording joined in time order, the others as they are.</summary>
    private static IEnumerable<RecordingTimeline> Whole(IReadOnlyList<RecordingTimeline> timelines) =>
        timelines.GroupBy(t => t.SliceOf ?? t.Id, StringComparer.Ordinal).Select(group =>
        {
            var slices = group.OrderBy(t => t.Start).ToArray();
            if (slices.Length == 1 && slices[0].SliceOf is null)
            {
                return slices[0];
            }

            return new RecordingTimeline(group.Key, slices.Any(t => t.IsAttack), slices.FirstOrDefault(t => t.IsAttack)?.Family,
                slices.Min(t => t.Start), slices.Max(t => t.End), slices.Where(t => t.IsAttack).Min(t => t.AttackStart),
                slices.Max(t => t.Score), slices.SelectMany(t => t.Times).ToArray(), slices.SelectMany(t => t.Scores).ToArray(),
                slices.SelectMany(t => t.TopWindows).OrderByDescending(w => w.Score).Take(slices.Max(t => t.TopWindows.Count)).ToArray());
        });

    private static int UpperBound(double[] sorted, double value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
