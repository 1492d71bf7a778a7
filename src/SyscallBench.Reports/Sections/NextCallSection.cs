using System.Globalization;
using System.Text;
using SyscallBench.Core.Probes.Insights;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>
/// For each next-call predictor (n-gram language model, LSTM): surprisal along the most anomalous attack and
/// a typical normal test trace, and the model's top next calls at the most and the typically surprising
/// position. Empty when the next-call probe produced nothing.
/// </summary>
internal static class NextCallSection
{
    public const string Id = "nextcall";

    public static bool HasResults(IReadOnlyList<ReportRow> rows) =>
        rows.Any(r => r.Result.Probes.OfType<NextCallProbeResult>().Any(p => p.Traces.Count > 0));

    public static string Html(IReadOnlyList<ReportRow> rows, Func<int, string> label)
    {
        if (!HasResults(rows))
        {
            return "";
        }

        var html = new StringBuilder($"<section id=\"{Id}\"><h2>Next-call predictions</h2>\n");
        html.Append("<p class=\"note\">For detectors that model the next call. Traces are chosen from the test set by the ")
            .Append("detector's own scores, after fitting: its most anomalous attack trace and a typical normal trace (the ")
            .Append($"median-scored normal). The line is each call's surprisal −ln p(call | calls before) in nats; at most ")
            .Append($"{NextCallProbe.MaxCalls} calls are kept, centred on the maximum. The bars are the model's top ")
            .Append($"{NextCallProbe.TopK} next calls after the calls before the marked position, the call that came in red ")
            .Append("(added as an extra bar when it is not among the top).</p>\n");
        foreach (var row in rows)
        {
            foreach (var probe in row.Result.Probes.OfType<NextCallProbeResult>())
            {
                html.Append("<h3 class=\"name\">").Append(Text.Escape(row.Label)).Append("</h3>\n");
                for (var t = 0; t < probe.Traces.Count; t++)
                {
                    html.Append(TraceHtml(probe.Traces[t], ChartId.Of("nextcall", row.Label, probe.Traces[t].Role, probe.Traces[t].TraceId), row.ColorIndex, label));
                }
            }
        }

        return html.Append("</section>\n").ToString();
    }

    private static string TraceHtml(NextCallTrace trace, string chartId, int colorIndex, Func<int, string> label)
    {
        var html = new StringBuilder("<h4>");
        html.Append(Text.Escape(trace.Role)).Append(": <span class=\"name\">").Append(Text.Escape(trace.TraceId)).Append("</span>")
            .Append(trace.IsAttack ? $" ({Text.Escape(trace.Family ?? "no family")})" : "")
            .Append($", score {Text.Score(trace.Score)}, {Text.Integer(trace.Length)} calls");
        if (trace.Calls.Length < trace.Length)
        {
            html.Append($" (calls {Text.Integer(trace.Start)}–{Text.Integer(trace.Start + trace.Calls.Length - 1)} shown)");
        }

        html.Append("</h4>\n");
        html.Append(ChartEmbed.Html(chartId, SurprisalChart.Build(trace, ChartStyle.Detector(colorIndex), label), 340, SurprisalChart.LayoutPatch));
        html.Append("<div class=\"pair\">\n");
        for (var p = 0; p < trace.Positions.Count; p++)
        {
            var position = trace.Positions[p];
            var best = position.Top.Count > 0 ? position.Top[0] : null;
            html.Append("<div>\n<p class=\"caption\"><b>").Append(Text.Escape(position.Kind)).Append("</b>, call ")
                .Append(position.Position.ToString(CultureInfo.InvariantCulture)).Append(": the model expected ")
                .Append(best is null ? "nothing" : $"{Text.Escape(best.Syscall is { } s ? label(s) : NextCallChart.Unknown)} at {Text.Percent(best.Probability)}")
                .Append("; it was <b>").Append(Text.Escape(position.ActualUnknown ? $"{label(position.Actual)}, unseen in training" : label(position.Actual)))
                .Append($"</b> at {Text.Percent(position.ActualProbability)} (rank {position.ActualRank.ToString(CultureInfo.InvariantCulture)}).</p>\n")
                .Append(ChartEmbed.Html($"{chartId}-{ChartId.Slug(position.Kind)}", NextCallChart.Build(position, label), 300, NextCallChart.LayoutPatch))
                .Append("</div>\n");
        }

        return html.Append("</div>\n").ToString();
    }
}
