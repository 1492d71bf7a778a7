using System.Text;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Html;
using SyscallBench.Reports.Sweeps;

namespace SyscallBench.Reports.Sections;

/// <summary>Parameter sweeps (<c>grid:</c> entries): ROC AUC and average precision against each swept parameter.</summary>
internal static class SweepsSection
{
    public const string Id = "sweeps";

    /// <param name="plots">The sweeps; none: no section.</param>
    /// <param name="repeats">Variants have several runs (seeds or re-splits): points are means (see <see cref="SweepPlot"/>).</param>
    /// <param name="confidenceLevel">Level of the bootstrap intervals shown otherwise.</param>
    /// <param name="intervals">Bootstrapping ran, so single runs have intervals.</param>
    public static string Html(IReadOnlyList<SweepPlot> plots, bool repeats, double confidenceLevel, bool intervals)
    {
        if (plots.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder();
        html.Append($"<section id=\"{Id}\"><h2>Parameter sweeps</h2>\n<p class=\"note\">One line per sweep family. ");
        html.Append(repeats
            ? "Points are means over runs (seeds and re-splits), bars ± one sample standard deviation over runs."
            : intervals
                ? $"Bars are the {Text.Percent(confidenceLevel, 0)} bootstrap intervals of each variant."
                : "No bars: bootstrapping is disabled.");
        html.Append(" Picking the value with the best test-set score is model selection on the test set: that score is optimistic, ")
            .Append("and the chosen value should be confirmed on data not used to choose it. Whether neighbouring values really differ: ")
            .Append("see the paired comparisons.</p>\n");
        for (var i = 0; i < plots.Count; i++)
        {
            var plot = plots[i];
            html.Append("<h3>").Append(Text.Escape(plot.Parameter)).Append("</h3>\n");
            html.Append(ChartEmbed.Html(ChartId.Of("sweep", plot.Parameter, "auc"), SweepChart.Build(plot, p => p.RocAuc, "ROC AUC"), 380));
            html.Append(ChartEmbed.Html(ChartId.Of("sweep", plot.Parameter, "ap"), SweepChart.Build(plot, p => p.AveragePrecision, "average precision"), 380));
        }

        html.Append("</section>\n");
        return html.ToString();
    }
}
