using System.Text;
using SyscallBench.Core.Evaluation.Verdict;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>The answer for a team choosing a detector: who is best where, and whether it is more than noise.</summary>
internal static class VerdictSection
{
    public static string Html(RunVerdict verdict)
    {
        var (lines, meansOverRuns) = (verdict.Lines, verdict.MeansOverRuns);
        var html = new StringBuilder();
        html.Append("<section id=\"verdict\"><h2>Verdict</h2>\n<ul class=\"verdict\">\n");
        foreach (var line in lines)
        {
            html.Append("<li><b>").Append(Text.Escape(line.Criterion)).Append(":</b> ").Append(Sentence(line)).Append("</li>\n");
        }

        html.Append("</ul>\n<p class=\"note\">");
        if (meansOverRuns)
        {
            html.Append("Detectors are ranked by their mean over runs (seeds and re-splits), ")
                .Append("not run by run. The paired test is the one on the split and seed the comparison matrix shows. ");
        }

        html.Append("Significance: for ROC AUC, the paired DeLong test of the best against the runner-up ")
            .Append("on the same test traces, Holm-adjusted over every pair compared (see the paired comparisons), when both are ")
            .Append("single results of one seed. Otherwise, and for average precision, the bootstrap intervals are compared ")
            .Append("(overlapping intervals mean the difference is not established; non-overlapping ones are strong evidence). ")
            .Append("Detection and false-alarm rates at fixed operating points have no interval yet: treat small differences there as unproven.</p>\n</section>\n");
        return html.ToString();
    }

    private static string Sentence(VerdictLine line)
    {
        Func<double, string> rate = line.IsRate ? v => Text.Percent(v) : v => Text.Fixed(v);
        if (line.AllTied)
        {
            // Nobody wins when everybody ties: naming all of them "best" reads as a result (an 11-way tie at 0% detection).
            return $"no winner: all {line.Best.Count} detectors are at {rate(line.BestValue)}"
                + (line.NoneSeparates ? ", so no detector separates the classes here." : ", so this criterion does not tell them apart.");
        }

        var best = string.Join(", ", line.Best.Select(b => $"<span class=\"name\">{Text.Escape(b)}</span>"));
        var text = new StringBuilder(line.Best.Count > 1 ? $"tie between {best} at {rate(line.BestValue)}" : $"{best} with {rate(line.BestValue)}");
        if (line.RunnerUp.Count == 0)
        {
            text.Append(" (only detector in the run)");
            return text.ToString();
        }

        if (line.NoneSeparates)
        {
            text.Append(", which separates nothing");
        }

        var runnerUp = string.Join(", ", line.RunnerUp.Select(r => $"<span class=\"name\">{Text.Escape(r)}</span>"));
        text.Append($"; runner-up {runnerUp} with {rate(line.RunnerUpValue!.Value)}");
        if (line.Paired is { } paired)
        {
            var on = paired.Shown is null ? "" : $" on {Text.Escape(paired.Shown)} (the comparison matrix's run)";
            text.Append($". Paired {Text.Escape(paired.Test)} test{on}: p = {Text.PValue(paired.PValue)}, Holm-adjusted over {paired.Pairs} pairs {Text.PValue(paired.AdjustedPValue)}: ");
            text.Append(paired.Significant
                ? $"the difference <b>is significant</b> at the {Text.Percent(PairedEvidence.Alpha, 0)} level."
                : $"the difference is <b>not established</b> at the {Text.Percent(PairedEvidence.Alpha, 0)} level.");
            return text.ToString();
        }

        text.Append(line.IntervalsOverlap switch
        {
            true => ". The confidence intervals <b>overlap</b>: the difference is not established.",
            false => ". The confidence intervals <b>do not overlap</b>.",
            null => ".",
        });
        return text.ToString();
    }
}
