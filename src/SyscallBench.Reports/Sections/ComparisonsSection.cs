using SyscallBench.Core.Evaluation;
using System.Text;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Comparison;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>
/// Paired significance tests of every pair of detectors' ROC AUCs on the same test traces: a matrix of the
/// differences with significance marks, and a table with DeLong's test and the paired bootstrap.
/// </summary>
internal static class ComparisonsSection
{
    public const string Id = "comparisons";

    public static string Html(RunResult result, ComparisonMatrix? matrix)
    {
        var html = new StringBuilder();
        html.Append($"<section id=\"{Id}\"><h2>Paired comparisons (ROC AUC)</h2>\n");
        if (matrix is null)
        {
            html.Append("<p class=\"missing\">Only one detector: nothing to compare.</p></section>\n");
            return html.ToString();
        }

        var count = matrix.Comparisons.Count();
        var evaluation = result.Config.Evaluation;
        html.Append("<p class=\"note\">Each cell is the row detector's ROC AUC minus the column detector's, on the same test traces. ")
            .Append("Blue: the row detector is better. Marks: DeLong's test (DeLong et al. 1988, fast midrank algorithm of Sun &amp; Xu 2014), ")
            .Append($"p-values Holm-adjusted over the {count} pair{(count == 1 ? "" : "s")} compared: * p &lt; 0.05, ** p &lt; 0.01, *** p &lt; 0.001. ")
            .Append("Comparing many pairs makes some small unadjusted p-values likely by chance; read the adjusted ones.");
        html.Append(evaluation.BootstrapResamples > 0
            ? $" The paired bootstrap resamples the traces once per resample ({evaluation.BootstrapResamples} resamples, seed {evaluation.BootstrapSeed}, stratified) and computes both AUCs on the same resample; its {Text.Percent(evaluation.ConfidenceLevel, 0)} percentile interval of the difference excludes 0 when the difference is established."
            : " No paired bootstrap: bootstrapping is disabled (bootstrap_resamples: 0).");
        if (matrix.Comparisons.Any(c => c.Test.BootstrapUnit == BootstrapUnit.Cluster))
        {
            html.Append(" The test set holds identical traces: the paired bootstrap draws whole groups of identical traces (cluster bootstrap). "
                + "DeLong's test assumes independent traces, so its p-values are too small here; read the bootstrap's.");
        }

        if (result.Config.Seeds.Count > 1)
        {
            html.Append($" Detectors are compared seed by seed; shown: seed {matrix.Seed}. Every seed's comparisons are in comparisons.csv.");
        }

        if (result.Splits.Count(s => s.BaseSplit is null) > 1)
        {
            html.Append($" Detectors are compared within a split (each has its own test traces); shown: {Text.Escape(matrix.Split)}. Every split's comparisons are in comparisons.csv.");
        }

        html.Append("</p>\n");
        var height = Math.Clamp(140 + (36 * matrix.Detectors.Count), 320, 900);
        html.Append(ChartEmbed.Html("chart-comparisons", ComparisonMatrixChart.Build(matrix), height,
            """{"xaxis":{"automargin":true,"tickangle":-30},"yaxis":{"automargin":true}}"""));
        html.Append("<details><summary>All pairs</summary>\n<div class=\"scroll\"><table class=\"data comparisons\"><thead><tr>")
            .Append("<th>A</th><th>B</th><th>AUC A</th><th>AUC B</th><th>A - B</th><th>DeLong SE</th><th>z</th><th>p</th><th>Holm p</th>")
            .Append("<th>bootstrap CI of A - B</th><th>bootstrap p</th><th>Holm p</th></tr></thead><tbody>\n");
        foreach (var comparison in matrix.Comparisons.OrderBy(c => c.Test.DeLong.PValue))
        {
            var test = comparison.Test;
            html.Append("<tr><td>").Append(Text.Escape(comparison.A.Detector)).Append("</td><td>").Append(Text.Escape(comparison.B.Detector))
                .Append("</td><td>").Append(Text.Fixed(test.AucA)).Append("</td><td>").Append(Text.Fixed(test.AucB))
                .Append("</td><td>").Append(Text.Signed(test.Difference, 4)).Append(ComparisonText.Stars(test.DeLongPHolm))
                .Append("</td><td>").Append(Text.Fixed(test.DeLong.StandardError, 4)).Append("</td><td>").Append(Text.Fixed(test.DeLong.Z, 2))
                .Append("</td><td>").Append(Text.PValue(test.DeLong.PValue)).Append("</td><td>").Append(Text.PValue(test.DeLongPHolm)).Append("</td>");
            if (test.Bootstrap is { } bootstrap)
            {
                html.Append("<td>[").Append(Text.Signed(bootstrap.Interval.Lower, 4)).Append(", ").Append(Text.Signed(bootstrap.Interval.Upper, 4))
                    .Append("]</td><td>").Append(Text.PValue(bootstrap.PValue, bootstrap.Resamples))
                    .Append("</td><td>").Append(Text.PValue(test.BootstrapPHolm!.Value, bootstrap.Resamples)).Append("</td>");
            }
            else
            {
                html.Append("<td>-</td><td>-</td><td>-</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></div></details>\n</section>\n");
        return html.ToString();
    }
}
