using SyscallBench.Core.Evaluation;
using SyscallBench.Reports.Charts;

namespace SyscallBench.Reports;

/// <summary>The best detector for one criterion, the runner-up, and how far apart they are.</summary>
/// <param name="Criterion">What was compared, e.g. "detection at 1% false alarms".</param>
/// <param name="Best">Labels of the detectors with the best value (several when tied exactly).</param>
/// <param name="BestValue">The best value.</param>
/// <param name="RunnerUp">The best detector not in <paramref name="Best"/>; null with a single detector or an all-way tie.</param>
/// <param name="RunnerUpValue">Its value.</param>
/// <param name="IntervalsOverlap">Whether the best's and the runner-up's confidence intervals overlap; null when there are no intervals.</param>
/// <param name="IsRate">True for detection and false-alarm rates (shown as percentages), false for AUC and AP.</param>
public sealed record VerdictLine(
    string Criterion,
    IReadOnlyList<string> Best,
    double BestValue,
    string? RunnerUp,
    double? RunnerUpValue,
    bool? IntervalsOverlap,
    bool IsRate);

/// <summary>
/// Which detector wins at each operating point and overall. Until paired significance tests exist, the only
/// evidence of a real difference is non-overlapping bootstrap intervals (available for ROC AUC and AP);
/// detection rates at fixed false-alarm rates have no interval yet, which the report says.
/// </summary>
public static class VerdictBuilder
{
    /// <summary>Overall (ROC AUC), average precision, each operating point, and false alarms at the detection target.</summary>
    public static IReadOnlyList<VerdictLine> Build(IReadOnlyList<(string Label, DetectorEvaluation Evaluation)> rows, IReadOnlyList<double> falseAlarmRates, double detectionRate)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        var lines = new List<VerdictLine>
        {
            Compare("overall (ROC AUC)", rows, e => e.RocAuc, e => e.RocAucCi, higherIsBetter: true, isRate: false),
            Compare("average precision", rows, e => e.AveragePrecision, e => e.AveragePrecisionCi, higherIsBetter: true, isRate: false),
        };
        for (var i = 0; i < falseAlarmRates.Count; i++)
        {
            var index = i;
            lines.Add(Compare($"detection at {Html.Text.Percent(falseAlarmRates[i])} false alarms", rows,
                e => e.OperatingPoints[index].DetectionRate, _ => null, higherIsBetter: true, isRate: true));
        }

        lines.Add(Compare($"false alarms at {Html.Text.Percent(detectionRate)} detection", rows,
            e => e.FalseAlarmAtDetection.FalseAlarmRate, _ => null, higherIsBetter: false, isRate: true));
        return lines;
    }

    internal static IReadOnlyList<(string Label, DetectorEvaluation Evaluation)> Of(IReadOnlyList<ReportRow> rows) =>
        rows.Select(r => (r.Label, r.Result.Evaluation)).ToArray();

    private static VerdictLine Compare(string criterion, IReadOnlyList<(string Label, DetectorEvaluation Evaluation)> rows,
        Func<DetectorEvaluation, double> value, Func<DetectorEvaluation, ConfidenceInterval?> interval, bool higherIsBetter, bool isRate)
    {
        // Order best first; the run's detector order breaks nothing because exact ties are grouped below.
        var ordered = rows
            .Select(r => (r.Label, r.Evaluation, Value: value(r.Evaluation)))
            .OrderBy(r => higherIsBetter ? -r.Value : r.Value)
            .ToArray();
        var bestValue = ordered[0].Value;
        var best = ordered.Where(r => r.Value == bestValue).ToArray();
        var runnerUp = ordered.FirstOrDefault(r => r.Value != bestValue);
        if (runnerUp.Label is null)
        {
            return new VerdictLine(criterion, best.Select(r => r.Label).ToArray(), bestValue, null, null, null, isRate);
        }

        bool? overlap = null;
        var bestInterval = interval(best[0].Evaluation);
        var runnerUpInterval = interval(runnerUp.Evaluation);
        if (bestInterval is not null && runnerUpInterval is not null)
        {
            overlap = bestInterval.Lower <= runnerUpInterval.Upper && runnerUpInterval.Lower <= bestInterval.Upper;
        }

        return new VerdictLine(criterion, best.Select(r => r.Label).ToArray(), bestValue, runnerUp.Label, runnerUp.Value, overlap, isRate);
    }
}
