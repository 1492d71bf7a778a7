using System.Text;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>The answer for a team choosing a detector: who is best where, and whether it is more than noise.</summary>
internal static class VerdictSection
{
    public static string Html(IReadOnlyList<VerdictLine> lines)
    {
        var html = new StringBuilder();
        html.Append("<section id=\"verdict\"><h2>Verdict</h2>\n<ul class=\"verdict\">\n");
        foreach (var line in lines)
        {
            html.Append("<li><b>").Append(Text.Escape(line.Criterion)).Append(":</b> ").Append(Sentence(line)).Append("</li>\n");
        }

        html.Append("</ul>\n<p class=\"note\">Significance: no paired test is run yet. For ROC AUC and average precision the ")
            .Append("bootstrap intervals are compared (overlapping intervals mean the difference is not established; ")
            .Append("non-overlapping ones are strong evidence). Detection and false-alarm rates at fixed operating points ")
            .Append("have no interval yet: treat small differences there as unproven.</p>\n</section>\n");
        return html.ToString();
    }

    private static string Sentence(VerdictLine line)
    {
        Func<double, string> rate = line.IsRate ? v => Text.Percent(v) : v => Text.Fixed(v);
        var best = string.Join(", ", line.Best.Select(b => $"<span class=\"name\">{Text.Escape(b)}</span>"));
        var text = new StringBuilder(line.Best.Count > 1 ? $"tie between {best} at {rate(line.BestValue)}" : $"{best} with {rate(line.BestValue)}");
        if (line.RunnerUp.Count == 0)
        {
            text.Append(line.Best.Count > 1 ? " (all detectors equal)" : " (only detector in the run)");
            return text.ToString();
        }

        var runnerUp = string.Join(", ", line.RunnerUp.Select(r => $"<span class=\"name\">{Text.Escape(r)}</span>"));
        text.Append($"; runner-up {runnerUp} with {rate(line.RunnerUpValue!.Value)}");
        text.Append(line.IntervalsOverlap switch
        {
            true => ". The confidence intervals <b>overlap</b>: the difference is not established.",
            false => ". The confidence intervals <b>do not overlap</b>.",
            null => ".",
        });
        return text.ToString();
    }
}
