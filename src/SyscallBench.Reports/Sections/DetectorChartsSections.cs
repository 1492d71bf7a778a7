using System.Text;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>The per-detector chart sections: score distributions, per-family detection, score timelines.</summary>
internal static class DetectorChartsSections
{
    public static string Distributions(IReadOnlyList<ReportRow> rows, IReadOnlyList<double> falseAlarmRates)
    {
        var html = new StringBuilder("<section id=\"distributions\"><h2>Score distributions, normal vs attack</h2>\n");
        html.Append("<p class=\"note\">Each class as a share of its own traces. Vertical lines: the threshold of each ")
            .Append("operating point, chosen from normal scores only; a trace is flagged when its score is above it.</p>\n");
        foreach (var row in rows)
        {
            html.Append("<h3 class=\"name\">").Append(Text.Escape(row.Label)).Append("</h3>\n");
            html.Append(ChartEmbed.Html(ChartId.Of("scores", row.Label), ScoreDistributionChart.Build(row, falseAlarmRates), 360, """{"bargap":0.1}"""));
        }

        return html.Append("</section>\n").ToString();
    }

    public static string Families(IReadOnlyList<ReportRow> rows, IReadOnlyList<double> falseAlarmRates)
    {
        var html = new StringBuilder("<section id=\"families\"><h2>Detection per attack family</h2>\n");
        if (rows.All(r => r.Result.Evaluation.Families.Count == 0))
        {
            html.Append("<p class=\"missing\">No attack families in the test set.</p>\n");
        }

        for (var i = 0; i < falseAlarmRates.Count && rows.Any(r => r.Result.Evaluation.Families.Count > 0); i++)
        {
            html.Append($"<h3>At {Text.Percent(falseAlarmRates[i])} false alarms</h3>\n");
            html.Append(ChartEmbed.Html(ChartId.Of("families-at", Text.Percent(falseAlarmRates[i]).Replace("%", "pct", StringComparison.Ordinal), "false-alarms"), FamilyDetectionChart.Build(rows, i), 360, """{"yaxis":{"tickformat":".0%"}}"""));
        }

        return html.Append(NormalFamilies(rows, falseAlarmRates)).Append("</section>\n").ToString();
    }

    /// <summary>
    /// False alarms per kind of normal work, when the dataset names it (labels.csv's family on normal rows):
    /// which normal workloads a detector mistakes for attacks at each operating point's threshold.
    /// </summary>
    private static string NormalFamilies(IReadOnlyList<ReportRow> rows, IReadOnlyList<double> falseAlarmRates)
    {
        if (rows.All(r => r.Result.Evaluation.NormalFamilies.Count == 0))
        {
            return "";
        }

        var html = new StringBuilder("<h3 id=\"normal-families\">False alarms per kind of normal work</h3>\n");
        html.Append("<p class=\"note\">The share of each normal family's test traces flagged at each operating point's threshold ")
            .Append("(set on all normal traces together): a family far above the target rate is normal work the detector mistakes for attacks.</p>\n");
        html.Append("<div class=\"scroll\"><table class=\"metrics\"><thead><tr><th>detector</th><th>normal family</th><th>traces</th>");
        foreach (var rate in falseAlarmRates)
        {
            html.Append("<th>flagged at ").Append(Text.Percent(rate)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            foreach (var family in row.Result.Evaluation.NormalFamilies)
            {
                html.Append("<tr><td class=\"name\">").Append(Text.Escape(row.Label)).Append("</td><td>").Append(Text.Escape(family.Family))
                    .Append("</td><td>").Append(Text.Integer(family.Count)).Append("</td>");
                foreach (var flagged in family.FalseAlarmRates)
                {
                    html.Append("<td>").Append(Text.Percent(flagged)).Append("</td>");
                }

                html.Append("</tr>\n");
            }
        }

        return html.Append("</tbody></table></div>\n").ToString();
    }

    public static string Timelines(IReadOnlyList<ReportRow> rows, IReadOnlyList<double> falseAlarmRates)
    {
        var html = new StringBuilder("<section id=\"timeline\"><h2>Anomaly-score timeline</h2>\n");
        html.Append("<p class=\"note\">Every test trace in dataset order (the traces carry no timestamps), attack traces ")
            .Append("in red, with the threshold of the strictest operating point. Hover a point for its trace id.</p>\n");
        foreach (var row in rows)
        {
            html.Append("<h3 class=\"name\">").Append(Text.Escape(row.Label)).Append("</h3>\n");
            html.Append(ChartEmbed.Html(ChartId.Of("timeline", row.Label), ScoreTimelineChart.Build(row, falseAlarmRates), 360));
        }

        return html.Append("</section>\n").ToString();
    }
}
