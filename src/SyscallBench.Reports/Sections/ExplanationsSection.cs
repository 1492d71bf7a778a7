using System.Globalization;
using System.Text;
using SyscallBench.Core.Probes.Insights;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>
/// Per detector, its top flagged test traces and, where it scores positions, the positions that drove each
/// score with the calls around them. Empty when the explanation probe did not run.
/// </summary>
internal static class ExplanationsSection
{
    public const string Id = "explanations";

    public static bool HasResults(IReadOnlyList<ReportRow> rows) =>
        rows.Any(r => r.Result.Probes.OfType<ExplanationProbeResult>().Any());

    public static string Html(IReadOnlyList<ReportRow> rows, Func<int, string> label)
    {
        if (!HasResults(rows))
        {
            return "";
        }

        var html = new StringBuilder($"<section id=\"{Id}\"><h2>Explanations</h2>\n");
        html.Append("<p class=\"note\">Each detector's most anomalous test traces (highest trace score; ties in dataset order) ")
            .Append("and the positions with the highest position scores: stide and t-stide mark the call ending a mismatching ")
            .Append("window (score 1), the n-gram model and the LSTM give each call's surprisal −ln p(call | calls before) in nats. ")
            .Append($"Calls shown: {ExplanationProbe.CallsBefore} before to {ExplanationProbe.CallsAfter} after the position, ")
            .Append("the call at the position in bold. Positions scored 0 explain nothing and are not listed.</p>\n");
        foreach (var row in rows)
        {
            foreach (var probe in row.Result.Probes.OfType<ExplanationProbeResult>())
            {
                html.Append("<h3 class=\"name\">").Append(Text.Escape(row.Label)).Append("</h3>\n");
                foreach (var trace in probe.Traces)
                {
                    html.Append(TraceHtml(trace, probe.TestTraces, label));
                }
            }
        }

        return html.Append("</section>\n").ToString();
    }

    private static string TraceHtml(ExplainedTrace trace, int testTraces, Func<int, string> label)
    {
        var html = new StringBuilder("<p class=\"flagged\">");
        html.Append($"<b>#{trace.Rank.ToString(CultureInfo.InvariantCulture)}</b> of {Text.Integer(testTraces)} ")
            .Append("<span class=\"name\">").Append(Text.Escape(trace.TraceId)).Append("</span> — ")
            .Append(trace.IsAttack ? $"<span class=\"attack\">attack ({Text.Escape(trace.Family ?? "no family")})</span>" : "normal")
            .Append($", score {Text.Score(trace.Score)}, {Text.Integer(trace.Length)} calls")
            .Append(trace.ScoredPositions is { } scored ? $"; {Text.Integer(scored)} positions scored above 0" : "")
            .Append("</p>\n");
        if (trace.Positions is null)
        {
            return html.Append("<p class=\"note\">This detector gives no per-position scores: its trace score is all there is to see.</p>\n").ToString();
        }

        if (trace.Positions.Count == 0)
        {
            return html.Append("<p class=\"note\">No position scored above 0.</p>\n").ToString();
        }

        html.Append("<table class=\"data explain\"><thead><tr><th>position</th><th>score</th><th>calls around it</th></tr></thead><tbody>\n");
        foreach (var position in trace.Positions)
        {
            var calls = position.Context.Select((call, i) => position.ContextStart + i == position.Position
                ? $"<b>{Text.Escape(label(call))}</b>"
                : Text.Escape(label(call)));
            html.Append("<tr><td>").Append(position.Position.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(Text.Score(position.Score)).Append("</td><td class=\"calls\">")
                .Append(position.ContextStart > 0 ? "… " : "").Append(string.Join(" ", calls))
                .Append(position.ContextStart + position.Context.Length < trace.Length ? " …" : "")
                .Append("</td></tr>\n");
        }

        return html.Append("</tbody></table>\n").ToString();
    }
}
