using System.Text;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Results.Runs;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Comparison;

/// <summary>The HTML page of `compare RUN_A RUN_B`: what differs, each detector's metrics in both runs, and the paired tests across them.</summary>
public static class RunComparisonPage
{
    public static string Render(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var (a, b) = (comparison.A, comparison.B);
        var body = new StringBuilder();
        body.Append("<header id=\"runs\"><h1>").Append(Text.Escape($"{a.Config.Name} {a.RunId} (A) vs {b.Config.Name} {b.RunId} (B)")).Append("</h1>\n")
            .Append("<p class=\"note\">Differences are B minus A. Paired tests (DeLong; paired stratified bootstrap with run A's settings) compare a detector's ")
            .Append("scores in the two runs trace by trace, when both runs scored the same test traces; p-values are Holm-adjusted over the detectors tested.</p></header>\n");

        body.Append("<h2 id=\"provenance\">What differs</h2>\n");
        if (comparison.Provenance.Count == 0)
        {
            body.Append("<p>Nothing: same experiment, config, dataset, seeds, code, runtime, packages and machine.</p>\n");
        }
        else
        {
            body.Append("<table class=\"facts\"><thead><tr><th></th><th>A</th><th>B</th></tr></thead><tbody>\n");
            foreach (var difference in comparison.Provenance)
            {
                body.Append("<tr><th>").Append(Text.Escape(difference.What)).Append("</th><td><code>")
                    .Append(Text.Escape(difference.A).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</code></td><td><code>")
                    .Append(Text.Escape(difference.B).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</code></td></tr>\n");
            }

            body.Append("</tbody></table>\n");
        }

        body.Append("<h2 id=\"metrics\">Metrics</h2>\n<div class=\"scroll\"><table class=\"metrics\"><thead><tr><th>detector</th><th>split, seed</th>");
        var rates = a.Config.Evaluation.FalseAlarmRates;
        foreach (var name in new[] { "ROC AUC", "avg precision" }.Concat(rates.Select(r => $"DR@{Text.Percent(r)}")).Append($"FAR@{Text.Percent(a.Config.Evaluation.DetectionRate, 0)} DR"))
        {
            body.Append("<th>").Append(Text.Escape(name)).Append(" A / B (Δ)</th>");
        }

        body.Append("</tr></thead><tbody>\n");
        foreach (var detector in comparison.Detectors)
        {
            body.Append("<tr><td class=\"name\">").Append(Text.Escape(detector.Detector)).Append("</td><td>")
                .Append(Text.Escape($"{detector.Split}, {detector.Seed}")).Append("</td>");
            foreach (var metric in RunComparisonMetrics.Of(detector, rates.Length))
            {
                body.Append("<td>").Append(Text.Escape(metric)).Append("</td>");
            }

            body.Append("</tr>\n");
        }

        body.Append("</tbody></table></div>\n");

        body.Append("<h2 id=\"tests\">Paired tests of the ROC AUC across the runs</h2>\n");
        var tested = comparison.Detectors.Where(d => d.Test is not null).ToArray();
        if (tested.Length == 0)
        {
            body.Append("<p>None: no detector of one run was scored on the same test traces in the other.</p>\n");
        }
        else
        {
            body.Append("<table class=\"metrics\"><thead><tr><th>detector</th><th>split, seed</th><th>Δ AUC (B − A)</th><th>DeLong SE</th><th>z</th>")
                .Append("<th>p</th><th>p (Holm)</th><th>bootstrap 95% CI</th><th>bootstrap p (Holm)</th></tr></thead><tbody>\n");
            foreach (var detector in tested)
            {
                var test = detector.Test!;
                body.Append("<tr><td class=\"name\">").Append(Text.Escape(detector.Detector)).Append("</td><td>")
                    .Append(Text.Escape($"{detector.Split}, {detector.Seed}")).Append("</td><td>")
                    .Append(Text.Signed(test.Difference, 4)).Append("</td><td>").Append(Text.Fixed(test.DeLong.StandardError, 4)).Append("</td><td>")
                    .Append(Text.Fixed(test.DeLong.Z, 2)).Append("</td><td>").Append(Text.Escape(Text.PValue(test.DeLong.PValue))).Append("</td><td>")
                    .Append(Text.Escape(Text.PValue(test.DeLongPHolm))).Append("</td><td>")
                    .Append(test.Bootstrap is { } bootstrap ? $"[{Text.Signed(bootstrap.Interval.Lower, 4)}, {Text.Signed(bootstrap.Interval.Upper, 4)}]" : "off")
                    .Append("</td><td>").Append(test.BootstrapPHolm is { } p ? Text.Escape(Text.PValue(p, test.Bootstrap!.Resamples)) : "off").Append("</td></tr>\n");
            }

            body.Append("</tbody></table>\n");
        }

        foreach (var untested in comparison.Detectors.Where(d => d.WhyNoTest is not null))
        {
            body.Append("<p class=\"note\">").Append(Text.Escape($"{untested.Detector} ({untested.Split}, seed {untested.Seed}): no paired test: {untested.WhyNoTest}.")).Append("</p>\n");
        }

        return PageTemplate.Render($"compare {a.RunId} vs {b.RunId}",
            [("runs", "runs"), ("provenance", "what differs"), ("metrics", "metrics"), ("tests", "paired tests")], body.ToString());
    }
}

/// <summary>The metric cells of a detector in two runs, "A / B (Δ)", as both the console and the page show them.</summary>
public static class RunComparisonMetrics
{
    /// <summary>ROC AUC, average precision, each detection rate at the configured false-alarm rates, the false alarms at the detection target.</summary>
    public static IReadOnlyList<string> Of(DetectorDifference detector, int operatingPoints)
    {
        var a = detector.A;
        var b = detector.B;
        var cells = new List<string>
        {
            Cell(a?.RocAuc, b?.RocAuc),
            Cell(a?.AveragePrecision, b?.AveragePrecision),
        };
        for (var k = 0; k < operatingPoints; k++)
        {
            cells.Add(Cell(At(a, k), At(b, k)));
        }

        cells.Add(Cell(a?.FalseAlarmAtDetection.FalseAlarmRate, b?.FalseAlarmAtDetection.FalseAlarmRate));
        return cells;
    }

    private static double? At(DetectorEvaluation? evaluation, int k) =>
        evaluation is not null && k < evaluation.OperatingPoints.Count ? evaluation.OperatingPoints[k].DetectionRate : null;

    private static string Cell(double? a, double? b) =>
        $"{(a is { } x ? Text.Fixed(x) : "-")} / {(b is { } y ? Text.Fixed(y) : "-")}" + (a is { } p && b is { } q ? $" ({Text.Signed(q - p)})" : "");
}
