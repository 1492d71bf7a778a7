using System.Globalization;
using System.Text;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Generalization;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>
/// The "8 8 8 -> 9" question, when the generalization probe ran: per detector, aggregated over seeds, is the
/// never-seen run with the correct successor accepted, are wrong successors flagged, and what does a
/// next-call predictor expect after the run. Empty when no probe result exists.
/// </summary>
internal static class GeneralizationSection
{
    public static string Html(IReadOnlyList<GeneralizationSummary> summaries)
    {
        if (summaries.Count == 0)
        {
            return "";
        }

        var severalRuns = summaries.Select(s => (s.Run, s.Successor)).Distinct().Count() > 1;
        var html = new StringBuilder();
        html.Append("<section id=\"generalization\"><h2>Generalization</h2>\n");
        html.Append("<p class=\"note\">Each held-out run (e.g. \"8 8 8\") never occurs in training. The threshold is set on the ")
            .Append("detector's scores of its own <b>training</b> normals at 1% false alarms (a trace is flagged when its score is ")
            .Append("strictly above it). <i>Accepted</i>: share of seeds where the run followed by its correct successor is not flagged. ")
            .Append("<i>Wrong flagged</i>: share of (seed, wrong successor x) pairs where \"run x\" is flagged. <i>Wrong above</i>: ")
            .Append("share of those pairs scored strictly above the correct successor (threshold-free). For next-call predictors: ")
            .Append("share of seeds where the successor is the strict top-1 prediction after the run, the mean of p(successor | run) ")
            .Append("and of its rank (1 = most probable, unknown bucket included).</p>\n");
        html.Append("<div class=\"scroll\"><table class=\"metrics\"><thead><tr><th>detector</th><th>type</th><th>run → successor</th>")
            .Append("<th>seeds</th><th>accepted</th><th>wrong flagged</th><th>wrong above</th><th>successor top-1</th>")
            .Append("<th>mean p(successor | run)</th><th>mean rank</th></tr></thead><tbody>\n");
        foreach (var s in summaries)
        {
            html.Append("<tr><td class=\"name\">").Append(Text.Escape(s.Detector)).Append("</td><td>").Append(Text.Escape(s.Type))
                .Append("</td><td>").Append(Text.Escape($"{s.Run} → {s.Successor.ToString(CultureInfo.InvariantCulture)}"))
                .Append("</td><td>").Append(s.Seeds.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(Text.Percent(s.AcceptedShare, 0))
                .Append("</td><td>").Append(Text.Percent(s.WrongFlaggedShare, 0))
                .Append("</td><td>").Append(Text.Percent(s.WrongAboveShare, 0))
                .Append("</td><td>").Append(s.TopShare is { } top ? Text.Percent(top, 0) : "—")
                .Append("</td><td>").Append(s.MeanProbability is { } p ? Text.Fixed(p) : "—")
                .Append("</td><td>").Append(s.MeanRank is { } rank ? Text.Fixed(rank, 1) : "—")
                .Append("</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
        html.Append(ChartEmbed.Html("chart-generalization", GeneralizationChart.Build(summaries, severalRuns), 440));
        html.Append("<p class=\"note\">Per-seed values: generalization.csv. Bars of detectors that predict nothing are 0 ")
            .Append("for the two prediction measures (the table shows —).</p>\n</section>\n");
        return html.ToString();
    }
}
