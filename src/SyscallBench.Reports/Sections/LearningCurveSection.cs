using System.Text;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>ROC AUC against the number of training traces, when the run had a <c>learning_curve:</c>; empty otherwise.</summary>
internal static class LearningCurveSection
{
    public const string Id = "learning-curve";

    public static string Html(RunResult result)
    {
        var points = LearningCurveSummary.Of(result);
        if (points.Count == 0)
        {
            return "";
        }

        var severalRuns = points.Any(p => p.Runs > 1);
        var html = new StringBuilder();
        html.Append("<section id=\"").Append(Id).Append("\"><h2>Learning curve</h2>\n");
        html.Append("<p class=\"note\">Each point fits on a seeded subset of a split's training normals (nested: every subset holds the ")
            .Append("smaller ones) and scores the split's unchanged test set; the last point is the whole training set. ")
            .Append(severalRuns
                ? "Lines: mean ROC AUC over re-splits and seeds; dotted: the lowest and highest run."
                : "Dotted: the bootstrap confidence interval.")
            .Append(" Every run's numbers: learning_curve.csv.</p>\n");
        var detectors = result.Detectors.Select(r => r.Detector).Distinct().ToArray();
        html.Append(ChartEmbed.Html("chart-learning-curve", LearningCurveChart.Build(points, detectors), 440));
        html.Append("</section>\n");
        return html.ToString();
    }
}
