namespace SyscallBench.Core.Evaluation.Verdict;

/// <summary>The best detector for one criterion, the runner-up, and how far apart they are.</summary>
/// <param name="Criterion">What was compared, e.g. "detection at 1% false alarms".</param>
/// <param name="Best">Labels of the detectors with the best value (several when tied exactly).</param>
/// <param name="BestValue">The best value.</param>
/// <param name="RunnerUp">The detectors with the best value outside <paramref name="Best"/> (several when tied); empty with a single detector or an all-way tie.</param>
/// <param name="RunnerUpValue">Their value; null when <paramref name="RunnerUp"/> is empty.</param>
/// <param name="IntervalsOverlap">Whether the best's and the runner-up's confidence intervals overlap; null when there are no intervals.</param>
/// <param name="IsRate">True for detection and false-alarm rates (shown as percentages), false for AUC and AP.</param>
/// <param name="Paired">The paired test of the best against the runner-up, when one was run (ROC AUC); it replaces the interval comparison.</param>
/// <param name="Metric">What was compared, for programs: roc_auc, average_precision, detection_rate (at the false-alarm rate
/// <paramref name="At"/>) or false_alarm_rate (at the detection rate <paramref name="At"/>).</param>
/// <param name="At">The operating point of a rate criterion; null for ROC AUC and average precision.</param>
public sealed record VerdictLine(
    string Criterion,
    IReadOnlyList<string> Best,
    double BestValue,
    IReadOnlyList<string> RunnerUp,
    double? RunnerUpValue,
    bool? IntervalsOverlap,
    bool IsRate,
    PairedEvidence? Paired = null,
    string Metric = VerdictMetrics.RocAuc,
    double? At = null)
{
    /// <summary>Every detector has the same value (several detectors, no runner-up): nobody wins this criterion.</summary>
    public bool AllTied => Best.Count > 1 && RunnerUp.Count == 0;

    /// <summary>
    /// The value says no detector tells attacks from normal traces here: an all-way tie at no detection, at an AUC no better than chance,
    /// or at every normal trace flagged before the detection target is reached.
    /// </summary>
    public bool NoneSeparates => Metric switch
    {
        VerdictMetrics.DetectionRate => BestValue == 0,
        VerdictMetrics.FalseAlarmRate => BestValue >= 1,
        VerdictMetrics.RocAuc => BestValue <= 0.5,
        _ => false,
    };
}

/// <summary>The <see cref="VerdictLine.Metric"/> names (metrics.json's verdict block).</summary>
public static class VerdictMetrics
{
    public const string RocAuc = "roc_auc";
    public const string AveragePrecision = "average_precision";
    public const string DetectionRate = "detection_rate";
    public const string FalseAlarmRate = "false_alarm_rate";
}

/// <summary>A paired significance test of the best detector against the runner-up.</summary>
/// <param name="Test">Its name, e.g. "DeLong".</param>
/// <param name="PValue">Two-sided p-value of that one pair.</param>
/// <param name="AdjustedPValue">Holm-adjusted over <paramref name="Pairs"/> pairs (the pair was picked after looking at the results).</param>
/// <param name="Pairs">How many pairs the adjustment covers.</param>
/// <param name="Shown">When the verdict ranks means over several runs: the one run (split and seed) the test
/// compared, e.g. "resplit-1, seed 1"; null when the ranked entries are single runs.</param>
public sealed record PairedEvidence(string Test, double PValue, double AdjustedPValue, int Pairs, string? Shown = null)
{
    /// <summary>Significance level of the report's marks and verdict.</summary>
    public const double Alpha = 0.05;

    public bool Significant => AdjustedPValue < Alpha;
}

/// <summary>
/// Which detector wins at each operating point and overall. For ROC AUC the evidence of a real difference is
/// the paired DeLong test of the best against the runner-up on the same traces, Holm-adjusted over every
/// pair compared, when it was run; otherwise (and for AP) whether the bootstrap intervals overlap.
/// Detection rates at fixed false-alarm rates have no interval yet, which the report says.
/// </summary>
public static class VerdictBuilder
{
    /// <summary>Overall (ROC AUC), average precision, each operating point, and false alarms at the detection target.</summary>
    /// <param name="rows">Each result's label and evaluation.</param>
    /// <param name="falseAlarmRates">The operating points.</param>
    /// <param name="detectionRate">The detection target of the false-alarm read-out.</param>
    /// <param name="pairedAuc">The paired AUC test of two labels (either order), or null when they were not compared.</param>
    public static IReadOnlyList<VerdictLine> Build(IReadOnlyList<(string Label, DetectorEvaluation Evaluation)> rows, IReadOnlyList<double> falseAlarmRates,
        double detectionRate, Func<string, string, PairedEvidence?>? pairedAuc = null) =>
        Build(rows.Select(r => VerdictRow.Of(r.Label, r.Evaluation)).ToArray(), falseAlarmRates, detectionRate, pairedAuc);

    /// <summary>The same, over entries that may be means over runs (a detector's means over its seeds and re-splits).</summary>
    public static IReadOnlyList<VerdictLine> Build(IReadOnlyList<VerdictRow> rows, IReadOnlyList<double> falseAlarmRates,
        double detectionRate, Func<string, string, PairedEvidence?>? pairedAuc = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        var overall = Compare("overall (ROC AUC)", VerdictMetrics.RocAuc, null, rows, r => r.RocAuc, r => r.RocAucCi, higherIsBetter: true, isRate: false);
        if (pairedAuc is not null && overall.RunnerUp.Count > 0)
        {
            // With ties, the weakest evidence among the best/runner-up pairs speaks for all (as with overlap).
            var tests = overall.Best.SelectMany(b => overall.RunnerUp.Select(u => pairedAuc(b, u))).ToArray();
            if (tests.All(t => t is not null))
            {
                overall = overall with { Paired = tests.MaxBy(t => t!.AdjustedPValue) };
            }
        }

        var lines = new List<VerdictLine>
        {
            overall,
            Compare("average precision", VerdictMetrics.AveragePrecision, null, rows, r => r.AveragePrecision, r => r.AveragePrecisionCi, higherIsBetter: true, isRate: false),
        };
        for (var i = 0; i < falseAlarmRates.Count; i++)
        {
            var index = i;
            lines.Add(Compare($"detection at {PercentText.Of(falseAlarmRates[i])} false alarms", VerdictMetrics.DetectionRate, falseAlarmRates[i], rows,
                r => r.DetectionRates[index], _ => null, higherIsBetter: true, isRate: true));
        }

        lines.Add(Compare($"false alarms at {PercentText.Of(detectionRate)} detection", VerdictMetrics.FalseAlarmRate, detectionRate, rows,
            r => r.FalseAlarmAtDetection, _ => null, higherIsBetter: false, isRate: true));
        return lines;
    }

    private static VerdictLine Compare(string criterion, string metric, double? at, IReadOnlyList<VerdictRow> rows,
        Func<VerdictRow, double> value, Func<VerdictRow, ConfidenceInterval?> interval, bool higherIsBetter, bool isRate)
    {
        // Order best first; the run's detector order breaks nothing because exact ties are grouped below.
        var ordered = rows
            .Select(r => (r.Label, Row: r, Value: value(r)))
            .OrderBy(r => higherIsBetter ? -r.Value : r.Value)
            .ToArray();
        var bestValue = ordered[0].Value;
        var best = ordered.Where(r => r.Value == bestValue).ToArray();
        var rest = ordered.Where(r => r.Value != bestValue).ToArray();
        if (rest.Length == 0)
        {
            return new VerdictLine(criterion, best.Select(r => r.Label).ToArray(), bestValue, [], null, null, isRate, Metric: metric, At: at);
        }

        var runnerUp = rest[0];
        var runnerUps = rest.Where(r => r.Value == runnerUp.Value).ToArray();

        // With ties on either side, the intervals overlap if any best/runner-up pair's intervals do.
        bool? overlap = null;
        var bestIntervals = best.Select(r => interval(r.Row)).ToArray();
        var runnerUpIntervals = runnerUps.Select(r => interval(r.Row)).ToArray();
        if (bestIntervals.All(i => i is not null) && runnerUpIntervals.All(i => i is not null))
        {
            overlap = bestIntervals.Any(b => runnerUpIntervals.Any(u => b!.Lower <= u!.Upper && u.Lower <= b.Upper));
        }

        return new VerdictLine(criterion, best.Select(r => r.Label).ToArray(), bestValue,
            runnerUps.Select(r => r.Label).ToArray(), runnerUp.Value, overlap, isRate, Metric: metric, At: at);
    }
}
