using System.Text;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Dataset;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>The dataset overview: lengths, syscall frequencies, n-gram novelty and vocabulary overlap.</summary>
internal static class DatasetOverviewSection
{
    public static string Html(DatasetOverview? overview, string datasetType, string? architecture = null)
    {
        var html = new StringBuilder();
        html.Append("<section id=\"dataset\"><h2>Dataset overview</h2>\n");
        if (overview is null)
        {
            html.Append("<p class=\"missing\">Not available: this report was written without the traces ")
                .Append("(the overview is computed from the dataset, which the saved results do not hold).</p>\n</section>\n");
            return html.ToString();
        }

        var label = SyscallLabels.ForDatasetType(datasetType, architecture);
        html.Append("<h3>Trace lengths per split and family</h3>\n");
        html.Append(LengthTable(overview));
        html.Append(ChartEmbed.Html("chart-lengths", DatasetCharts.Lengths(overview), 420));

        html.Append($"<h3>Top {overview.TopSyscalls.Count} syscalls</h3>\n");
        html.Append("<p class=\"note\">").Append(SyscallLabels.ShowsNames(datasetType, architecture)
            ? "Syscalls by name (number)."
            : "Syscalls by number (no name table is known for this dataset's numbering yet).").Append("</p>\n");
        html.Append(ChartEmbed.Html("chart-syscalls", DatasetCharts.Syscalls(overview, label), 420, """{"yaxis":{"tickformat":".1~%"}}"""));

        html.Append("<h3>n-gram novelty</h3>\n<p class=\"note\">Share of sliding n-call windows in test traces whose n-gram ")
            .Append("never occurs in any training trace. Where attack windows are no more novel than normal ones, an n-gram ")
            .Append("lookup cannot tell them apart.</p>\n");
        html.Append(NoveltyTable(overview));
        html.Append(ChartEmbed.Html("chart-novelty", DatasetCharts.Novelty(overview), 360, """{"yaxis":{"tickformat":".0%"}}"""));

        html.Append("<h3>Vocabulary overlap</h3>\n");
        html.Append(VocabularyHtml(overview.Vocabulary, label));
        html.Append("</section>\n");
        return html.ToString();
    }

    private static string LengthTable(DatasetOverview overview)
    {
        var html = new StringBuilder("<table class=\"data\"><thead><tr><th>group</th><th>traces</th><th>calls</th><th>min</th><th>median</th><th>mean</th><th>max</th></tr></thead><tbody>\n");
        foreach (var group in overview.Lengths)
        {
            html.Append($"<tr><td>{Text.Escape(group.Group)}</td><td>{Text.Integer(group.Count)}</td><td>{Text.Integer(group.TotalCalls)}</td>")
                .Append($"<td>{Text.Integer(group.Min)}</td><td>{Text.Fixed(group.Median, 1)}</td><td>{Text.Fixed(group.Mean, 1)}</td><td>{Text.Integer(group.Max)}</td></tr>\n");
        }

        return html.Append("</tbody></table>\n").ToString();
    }

    private static string NoveltyTable(DatasetOverview overview)
    {
        var html = new StringBuilder("<table class=\"data\"><thead><tr><th>n</th><th>normal windows</th><th>normal unseen</th><th>attack windows</th><th>attack unseen</th></tr></thead><tbody>\n");
        foreach (var row in overview.Novelty)
        {
            html.Append($"<tr><td>{row.N}</td><td>{Text.Integer(row.NormalWindows)}</td><td>{Text.Percent(row.NormalUnseenShare, 2)}</td>")
                .Append($"<td>{Text.Integer(row.AttackWindows)}</td><td>{Text.Percent(row.AttackUnseenShare, 2)}</td></tr>\n");
        }

        return html.Append("</tbody></table>\n").ToString();
    }

    private static string VocabularyHtml(VocabularyOverlap vocabulary, Func<int, string> label)
    {
        static string List(IReadOnlyList<int> syscalls, Func<int, string> label) =>
            syscalls.Count == 0 ? "none" : string.Join(", ", syscalls.Select(s => Text.Escape(label(s))));

        return "<table class=\"facts\">\n"
            + $"<tr><th>distinct in train</th><td>{vocabulary.TrainSyscalls}</td></tr>\n"
            + $"<tr><th>distinct in test</th><td>{vocabulary.TestSyscalls}</td></tr>\n"
            + $"<tr><th>in both</th><td>{vocabulary.Shared}</td></tr>\n"
            + $"<tr><th>test only (unknown to every detector)</th><td>{vocabulary.TestOnly.Count}: {List(vocabulary.TestOnly, label)}</td></tr>\n"
            + $"<tr><th>train only</th><td>{vocabulary.TrainOnly.Count}: {List(vocabulary.TrainOnly, label)}</td></tr>\n"
            + "</table>\n";
    }
}
