using System.Text;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Dataset;
using SyscallBench.Reports.Generalization;
using SyscallBench.Reports.Html;
using SyscallBench.Reports.Sections;
using SyscallBench.Reports.Sweeps;

namespace SyscallBench.Reports;

/// <summary>Builds the whole report page for a run result (and optionally its dataset overview) as one HTML string.</summary>
public static class ReportDocument
{
    public static string Render(RunResult result, DatasetOverview? overview = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = ReportRow.Of(result);
        var sweeps = rows.Count == 0 ? [] : SweepPlot.Of(result);
        var rates = result.Config.Evaluation.FalseAlarmRates;
        var body = new StringBuilder();
        body.Append(HeaderSection.Html(result));
        if (rows.Count == 0)
        {
            body.Append("<section id=\"metrics\"><h2>Metrics</h2><p class=\"missing\">The run has no detector results.</p></section>\n");
        }
        else
        {
            var summary = result.Summary;
            body.Append(MetricsTableSection.Html(result, rows));
            body.Append(VerdictSection.Html(summary.Verdict));
            body.Append(ComparisonsSection.Html(result, summary.Matrix));
            body.Append(SweepsSection.Html(sweeps, result.HasRepeats, result.Config.Evaluation.ConfidenceLevel,
                result.Config.Evaluation.BootstrapResamples > 0));
            body.Append(SelectionSection.Html(result));
            body.Append(CurvesSection.Html(rows));
            body.Append(OverTimeSection.Html(rows, SyscallLabels.NamesForDatasetType(result.Dataset.Provenance.Type, result.Dataset.Provenance.Architecture)));
            body.Append(DetectorChartsSections.Distributions(rows, rates));
            body.Append(DetectorChartsSections.Families(rows, rates));
            body.Append(DetectorChartsSections.Timelines(rows, rates));
            var label = SyscallLabels.ForDatasetType(result.Dataset.Provenance.Type, result.Dataset.Provenance.Architecture);
            body.Append(ExplanationsSection.Html(rows, label));
            body.Append(NextCallSection.Html(rows, label));
        }

        var generalization = GeneralizationSummary.Of(result);
        body.Append(GeneralizationSection.Html(generalization));
        var learningCurve = LearningCurveSection.Html(result);
        body.Append(learningCurve);

        body.Append(DatasetOverviewSection.Html(overview, result.Dataset.Provenance.Type, result.Dataset.Provenance.Architecture));
        // Sections that exist only when their probe ran get a link only then, before "dataset".
        var optional = new List<(string Id, string Title)>();
        if (ExplanationsSection.HasResults(rows))
        {
            optional.Add((ExplanationsSection.Id, "explanations"));
        }

        if (NextCallSection.HasResults(rows))
        {
            optional.Add((NextCallSection.Id, "next calls"));
        }

        if (generalization.Count > 0)
        {
            optional.Add(("generalization", "generalization"));
        }

        if (learningCurve.Length > 0)
        {
            optional.Add((LearningCurveSection.Id, "learning curve"));
        }

        var navigation = new List<(string Id, string Title)>([.. Navigation[..^1], .. optional, Navigation[^1]]);
        if (rows.Count > 0 && OverTimeSection.HasResults(rows))
        {
            // In page order: the over-time section follows the precision-recall curves.
            navigation.Insert(navigation.FindIndex(n => n.Id == "pr") + 1, (OverTimeSection.Id, "over time"));
        }

        if (rows.Count > 0 && SelectionSection.HasResults(result))
        {
            // In page order: the selection section follows the comparisons (and the sweeps, inserted before it below).
            navigation.Insert(navigation.FindIndex(n => n.Id == ComparisonsSection.Id) + 1, (SelectionSection.Id, "selection"));
        }

        if (sweeps.Count > 0)
        {
            // In page order: the sweeps section follows the comparisons.
            navigation.Insert(navigation.FindIndex(n => n.Id == ComparisonsSection.Id) + 1, (SweepsSection.Id, "sweeps"));
        }

        return PageTemplate.Render($"{result.Config.Name} — {result.RunId}", navigation, body.ToString());
    }

    /// <summary>Only the dataset overview, for looking at data before fitting anything (the `explore` command).</summary>
    public static string RenderOverview(DatasetOverview overview, string datasetType, string? architecture = null)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var body = $"<header id=\"header\"><h1>Dataset {Text.Escape(overview.DatasetName)}</h1></header>\n"
            + DatasetOverviewSection.Html(overview, datasetType, architecture);
        return PageTemplate.Render($"{overview.DatasetName} — dataset overview", [("dataset", "dataset")], body);
    }

    private static readonly (string Id, string Title)[] Navigation =
    [
        ("header", "run"), ("metrics", "metrics"), ("verdict", "verdict"), ("comparisons", "comparisons"), ("roc", "ROC"), ("pr", "precision-recall"),
        ("distributions", "score distributions"), ("families", "families"), ("timeline", "timeline"), ("dataset", "dataset"),
    ];
}
