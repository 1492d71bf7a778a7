using System.Text;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>ROC curves (linear and log false-alarm axis) and precision-recall curves, all detectors overlaid.</summary>
internal static class CurvesSection
{
    public static string Html(IReadOnlyList<ReportRow> rows)
    {
        var html = new StringBuilder();
        html.Append("<section id=\"roc\"><h2>ROC curves</h2>\n");
        html.Append(ChartEmbed.Html("chart-roc", RocCharts.Linear(rows), 480));
        html.Append("<h3>Low false-alarm region (log scale)</h3>\n<p class=\"note\">Deployment lives at the left: ")
            .Append("an alarm on 1% of normal processes is already many alarms per day. Points at zero false alarms cannot ")
            .Append("be drawn on a log axis.</p>\n");
        html.Append(ChartEmbed.Html("chart-roc-log", RocCharts.Log(rows), 480, """{"xaxis":{"tickformat":".2~%"}}"""));
        html.Append("</section>\n");
        html.Append("<section id=\"pr\"><h2>Precision-recall curves</h2>\n");
        html.Append(ChartEmbed.Html("chart-pr", PrecisionRecallChart.Build(rows), 480));
        html.Append("</section>\n");
        return html.ToString();
    }
}
