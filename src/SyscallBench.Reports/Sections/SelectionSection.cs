using System.Text;
using SyscallBench.Core.Detection.Selection;
using SyscallBench.Core.Probes.Selection;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>
/// What each <c>select:</c> chose from training data: per detector (and seed) the criterion and every variant's
/// value, the chosen one marked. Only the chosen variant is in the metrics above. Empty when no detector selects.
/// </summary>
internal static class SelectionSection
{
    public const string Id = "selection";

    public static bool HasResults(RunResult result) => Selections(result).Any();

    public static string Html(RunResult result)
    {
        var selections = Selections(result).ToArray();
        if (selections.Length == 0)
        {
            return "";
        }

        var html = new StringBuilder();
        html.Append($"<section id=\"{Id}\"><h2>Selection</h2>\n");
        html.Append("<p class=\"note\">These detectors chose one variant of their grid from the <b>training normals only</b> ")
            .Append("(select:): each variant was fitted on part of them and judged on the rest, never on test traces or attack ")
            .Append("labels; the chosen one was then fitted on all training normals, and only it is in the metrics table.</p>\n");
        foreach (var (label, outcome) in selections)
        {
            html.Append("<h3>").Append(Text.Escape(label)).Append("</h3>\n<p>").Append(Text.Escape(outcome.Sentence())).Append("</p>\n");
            html.Append("<div class=\"scroll\"><table class=\"metrics\"><thead><tr><th>variant</th><th>")
                .Append(Text.Escape(outcome.Criterion)).Append(outcome.HigherIsBetter ? " (higher is better)" : " (lower is better)")
                .Append("</th><th>chosen</th></tr></thead><tbody>\n");
            foreach (var candidate in outcome.Candidates)
            {
                html.Append("<tr><td class=\"name\">").Append(Text.Escape(candidate.Variant)).Append("</td><td>")
                    .Append(Text.Fixed(candidate.Value, 4)).Append("</td><td>").Append(candidate.Variant == outcome.Chosen ? "✓" : "")
                    .Append("</td></tr>\n");
            }

            html.Append("</tbody></table></div>\n");
        }

        html.Append("</section>\n");
        return html.ToString();
    }

    private static IEnumerable<(string Label, SelectionOutcome Outcome)> Selections(RunResult result) =>
        result.Detectors.SelectMany(r => r.Probes.OfType<SelectionProbeResult>()
            .Select(p => (r.Label(result.Config.Seeds.Count > 1), p.Outcome)));
}
