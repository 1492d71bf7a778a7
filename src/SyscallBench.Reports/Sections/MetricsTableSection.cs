using System.Text;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>
/// One row per detector (and seed): ROC AUC and AP with intervals, detection at each false-alarm rate,
/// false alarms at the detection target, fit and score times. With several seeds, a first table gives each
/// detector's mean ± sample standard deviation over its seeds (with the per-seed ROC AUCs) and the per-seed
/// table follows, collapsed. The best value of each column is marked (class "best"); ties are all marked.
/// </summary>
internal static class MetricsTableSection
{
    private sealed record Column<T>(string Header, Func<T, double> Value, Func<T, string> Cell, bool HigherIsBetter, string? Title = null);

    private const string DetectionTitle =
        "Attack traces flagged when the threshold, set from normal test scores only, flags at most this share of normal traces; the achieved false-alarm rate is shown beside it.";

    private const string FalseAlarmTitle = "Share of normal traces flagged at the first ROC point reaching the detection target.";

    public static string Html(RunResult result, IReadOnlyList<ReportRow> rows)
    {
        var evaluation = result.Config.Evaluation;
        var html = new StringBuilder();
        html.Append("<section id=\"metrics\"><h2>Metrics</h2>\n");
        html.Append("<p class=\"note\">Best value of each column in <span class=\"best\">bold green</span>. ");
        html.Append(evaluation.BootstrapResamples > 0
            ? $"Intervals: {Text.Percent(evaluation.ConfidenceLevel, 0)} stratified percentile bootstrap, {evaluation.BootstrapResamples} resamples, seed {evaluation.BootstrapSeed}"
                + (result.Detectors.Any(r => r.OtherTestSets.Prepend(r.Evaluation).Any(e => e.BootstrapUnit == BootstrapUnit.Cluster))
                    ? ", resampling groups of identical test traces where the test set has them (cluster bootstrap)."
                    : ".")
            : "No confidence intervals: bootstrapping is disabled (bootstrap_resamples: 0).");
        html.Append(" FA = false alarms (normal test traces flagged).</p>\n");
        if (result.HasRepeats)
        {
            // Re-splits repeat a detector on other test sets; seeds alone repeat the fit on the same test set.
            var resplit = result.MainResults.Select(r => r.Split).Distinct().Count() > 1;
            var unit = resplit ? "run" : "seed";
            html.Append($"<h3>Mean ± standard deviation over {(resplit ? "runs (seeds and re-splits)" : "seeds")}</h3>\n")
                .Append($"<p class=\"note\">Sample standard deviation (n - 1) over each detector's {unit}s, computed from the per-{unit} ")
                .Append($"evaluations (never from pooled scores); per-{unit} ROC AUCs in brackets. ")
                .Append(resplit
                    ? "The spread is the variation due to the split (each re-split has its own test set) and, for seed-dependent detectors, the fit seed.</p>\n"
                    : "The spread is the variation due to the fit seed only: the test set is the same for every seed.</p>\n");
            AppendTable(html, result.Summary.SeedSummaries, s => $"{s.Detector} ({s.Seeds} {unit}{(s.Seeds == 1 ? "" : "s")})", s => s.Type,
                SummaryColumns(evaluation));
            html.Append($"<details><summary>Per-{unit} results, with bootstrap intervals</summary>\n");
            AppendTable(html, rows, r => r.Label, r => r.Result.Type, PerSeedColumns(evaluation));
            html.Append("</details>\n");
        }
        else
        {
            AppendTable(html, rows, r => r.Label, r => r.Result.Type, PerSeedColumns(evaluation));
        }

        html.Append(DuplicatesNote.Html(result));
        html.Append($"<p class=\"note\">Test set: {result.Dataset.TestNormalTraces} normal and {result.Dataset.TestAttackTraces} attack traces. ");
        html.Append("One normal trace is 1/" + result.Dataset.TestNormalTraces + " = " + Text.Percent(1.0 / Math.Max(result.Dataset.TestNormalTraces, 1), 3)
            + " false alarms, so rates below that are resolved only as \"no false alarm\".</p>\n");
        html.Append("</section>\n");
        return html.ToString();
    }

    private static List<Column<ReportRow>> PerSeedColumns(EvaluationOptions evaluation)
    {
        var columns = new List<Column<ReportRow>>
        {
            new(AucHeader(evaluation.TestSet[0]), r => r.Result.Evaluation.RocAuc, r => WithInterval(r.Result.Evaluation.RocAuc, r.Result.Evaluation.RocAucCi), true),
            new("avg precision", r => r.Result.Evaluation.AveragePrecision,
                r => WithInterval(r.Result.Evaluation.AveragePrecision, r.Result.Evaluation.AveragePrecisionCi), true),
        };
        for (var i = 1; i < evaluation.TestSet.Length; i++)
        {
            // The other test sets' ROC AUC beside the main one (evaluation.test_set: [all, distinct]).
            var index = i - 1;
            columns.Add(new(AucHeader(evaluation.TestSet[i]), r => r.Result.OtherTestSets[index].RocAuc,
                r => WithInterval(r.Result.OtherTestSets[index].RocAuc, r.Result.OtherTestSets[index].RocAucCi), true, DuplicatesNote.TestSetTitle));
        }

        for (var i = 0; i < evaluation.FalseAlarmRates.Length; i++)
        {
            var index = i;
            columns.Add(new($"detection @ {Text.Percent(evaluation.FalseAlarmRates[i])} FA",
                r => r.Result.Evaluation.OperatingPoints[index].DetectionRate,
                r => DetectionCell(r.Result.Evaluation.OperatingPoints[index]), true, DetectionTitle));
        }

        columns.Add(new($"FA @ {Text.Percent(evaluation.DetectionRate)} detection",
            r => r.Result.Evaluation.FalseAlarmAtDetection.FalseAlarmRate,
            r => Text.Percent(r.Result.Evaluation.FalseAlarmAtDetection.FalseAlarmRate, 2), false, FalseAlarmTitle));
        columns.Add(new("fit time", r => r.Result.FitTime.TotalSeconds, r => Text.Seconds(r.Result.FitTime), false));
        columns.Add(new("score time", r => r.Result.ScoreTime.TotalSeconds, r => Text.Seconds(r.Result.ScoreTime), false));
        return columns;
    }

    private static string AucHeader(string testSet) => testSet == "all" ? "ROC AUC" : $"ROC AUC ({testSet})";

    private static List<Column<SeedSummary>> SummaryColumns(EvaluationOptions evaluation)
    {
        var columns = new List<Column<SeedSummary>>
        {
            new("ROC AUC", s => s.RocAuc.Mean,
                s => $"{Spread(s.RocAuc, v => Text.Fixed(v))} <span class=\"ci\">[{string.Join(", ", s.RocAuc.Values.Select(v => Text.Fixed(v)))}]</span>", true),
            new("avg precision", s => s.AveragePrecision.Mean, s => Spread(s.AveragePrecision, v => Text.Fixed(v)), true),
        };
        for (var i = 0; i < evaluation.FalseAlarmRates.Length; i++)
        {
            var index = i;
            columns.Add(new($"detection @ {Text.Percent(evaluation.FalseAlarmRates[i])} FA", s => s.DetectionRates[index].Mean,
                s => Spread(s.DetectionRates[index], v => Text.Percent(v)), true, DetectionTitle));
        }

        columns.Add(new($"FA @ {Text.Percent(evaluation.DetectionRate)} detection", s => s.FalseAlarmAtDetection.Mean,
            s => Spread(s.FalseAlarmAtDetection, v => Text.Percent(v, 2)), false, FalseAlarmTitle));
        columns.Add(new("fit time", s => s.FitSeconds.Mean, s => Text.Seconds(TimeSpan.FromSeconds(s.FitSeconds.Mean)), false));
        columns.Add(new("score time", s => s.ScoreSeconds.Mean, s => Text.Seconds(TimeSpan.FromSeconds(s.ScoreSeconds.Mean)), false));
        return columns;
    }

    private static void AppendTable<T>(StringBuilder html, IReadOnlyList<T> rows, Func<T, string> label, Func<T, string> type, IReadOnlyList<Column<T>> columns)
    {
        html.Append("<div class=\"scroll\"><table class=\"metrics\"><thead><tr><th>detector</th><th>type</th>");
        foreach (var column in columns)
        {
            html.Append("<th").Append(column.Title is null ? "" : $" title=\"{Text.Escape(column.Title)}\"").Append('>')
                .Append(Text.Escape(column.Header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        var bests = columns.Select(c => c.HigherIsBetter ? rows.Max(c.Value) : rows.Min(c.Value)).ToArray();
        foreach (var row in rows)
        {
            html.Append("<tr><td class=\"name\">").Append(Text.Escape(label(row))).Append("</td><td>")
                .Append(Text.Escape(type(row))).Append("</td>");
            for (var c = 0; c < columns.Count; c++)
            {
                var isBest = rows.Count > 1 && columns[c].Value(row) == bests[c];
                html.Append(isBest ? "<td class=\"best\">" : "<td>").Append(columns[c].Cell(row)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    private static string Spread(MeanAndSpread value, Func<double, string> format) =>
        $"{format(value.Mean)} ± {format(value.StandardDeviation)}";

    private static string WithInterval(double value, ConfidenceInterval? interval) =>
        interval is null
            ? Text.Fixed(value)
            : $"{Text.Fixed(value)} <span class=\"ci\">[{Text.Fixed(interval.Lower)}, {Text.Fixed(interval.Upper)}]</span>";

    private static string DetectionCell(OperatingPoint point) =>
        $"{Text.Percent(point.DetectionRate)} <span class=\"ci\">(FA {Text.Percent(point.FalseAlarmRate, 2)})</span>";
}
