using System.Text.RegularExpressions;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Dataset;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Tests;

public sealed class HtmlReportExporterTests
{
    private static readonly Lazy<(RunResult Result, string Html)> Fixture = new(() =>
    {
        var result = ReportFixture.Result();
        return (result, ReportDocument.Render(result, DatasetOverview.Compute(ReportFixture.Dataset())));
    });

    private static RunResult Result => Fixture.Value.Result;

    private static string Html => Fixture.Value.Html;

    [Fact]
    public void GivenARun_WhenRendered_ThenPlotlyJsIsEmbeddedOnceAndNothingPointsOutsideThePage()
    {
        var html = Html;

        var bundles = Regex.Matches(html, "<script type=\"text/javascript\" id=\"plotly-js\">");
        Assert.Single(bundles);
        Assert.Contains(PlotlyJs.Source, html, StringComparison.Ordinal);
        Assert.True(PlotlyJs.Source.Length > 1_000_000, "the full plotly.js bundle is embedded, not a stub");
        Assert.DoesNotMatch(new Regex("<script[^>]*\\ssrc=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<link[^>]*\\shref=", RegexOptions.IgnoreCase), html);

        // Outside the library itself (whose source mentions URLs it never fetches in this page), no URL at all.
        var page = WithoutPlotlyBundle(html);
        Assert.DoesNotContain("http://", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cdn", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", Regex.Replace(page, "<script[^>]*>.*?</script>", "", RegexOptions.Singleline));
    }

    [Fact]
    public void GivenARun_WhenRendered_ThenEverySectionAndEveryDetectorIsThere()
    {
        foreach (var section in new[] { "header", "metrics", "verdict", "comparisons", "roc", "pr", "distributions", "families", "timeline", "dataset" })
        {
            Assert.Matches($"<(section|header) id=\"{section}\">", Html);
        }

        foreach (var detector in Result.Detectors)
        {
            Assert.Contains($"<td class=\"name\">{detector.Detector}</td>", Html, StringComparison.Ordinal);
        }

        string[] charts = ["chart-comparisons", "chart-roc", "chart-roc-log", "chart-pr", "chart-scores-clean", "chart-scores-noisy", "chart-scores-blind",
            "chart-families-at-1pct-false-alarms", "chart-families-at-10pct-false-alarms", "chart-timeline-clean", "chart-timeline-noisy", "chart-timeline-blind",
            "chart-lengths", "chart-syscalls", "chart-novelty"];
        foreach (var chart in charts)
        {
            Assert.Contains($"<div class=\"chart\" id=\"{chart}\"", Html, StringComparison.Ordinal);
            Assert.Contains($"renderChart('{chart}', {{", Html, StringComparison.Ordinal);
        }

        Assert.Equal(charts.Length, Regex.Matches(Html, "<div class=\"chart\"").Count);
    }

    [Fact]
    public void GivenARun_WhenRendered_ThenTheMetricsTableShowsTheEvaluationsNumbers()
    {
        foreach (var detector in Result.Detectors)
        {
            var evaluation = detector.Evaluation;
            var row = MetricsRow(detector.Detector);
            Assert.Contains($"{Text.Fixed(evaluation.RocAuc)} <span class=\"ci\">[{Text.Fixed(evaluation.RocAucCi!.Lower)}, {Text.Fixed(evaluation.RocAucCi.Upper)}]</span>", row, StringComparison.Ordinal);
            Assert.Contains($"{Text.Fixed(evaluation.AveragePrecision)} <span class=\"ci\">[{Text.Fixed(evaluation.AveragePrecisionCi!.Lower)}, {Text.Fixed(evaluation.AveragePrecisionCi.Upper)}]</span>", row, StringComparison.Ordinal);
            foreach (var point in evaluation.OperatingPoints)
            {
                Assert.Contains($"{Text.Percent(point.DetectionRate)} <span class=\"ci\">(FA {Text.Percent(point.FalseAlarmRate, 2)})</span>", row, StringComparison.Ordinal);
            }
        }

        // Hand-checked anchors: "clean" separates perfectly, "blind" scores everything alike.
        Assert.Contains("<td class=\"best\">1.000 <span class=\"ci\">[1.000, 1.000]</span></td>", MetricsRow("clean"), StringComparison.Ordinal);
        Assert.Contains("<td>0.500 <span class=\"ci\">[0.500, 0.500]</span></td>", MetricsRow("blind"), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenThreeDetectors_WhenRendered_ThenTheBestOfEachColumnIsHighlightedAndOnlyIt()
    {
        // clean wins AUC, AP, both detection rates and false alarms at 90% detection (5 cells); fit and
        // score times are lowest for the first detector too (120 ms, 30 ms): 7 best cells, all in its row.
        Assert.Equal(7, Regex.Matches(MetricsRow("clean"), "<td class=\"best\">").Count);
        Assert.DoesNotContain("class=\"best\"", MetricsRow("noisy"), StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"best\"", MetricsRow("blind"), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenARun_WhenRendered_ThenTheHeaderCarriesTheProvenance()
    {
        Assert.Contains(Result.RunId, Html, StringComparison.Ordinal);
        Assert.Contains(Result.Environment.GitCommit!, Html, StringComparison.Ordinal);
        Assert.Contains(Result.Dataset.Provenance.ContentHash, Html, StringComparison.Ordinal);
        Assert.Contains("20 normal + 9 attack traces", Html, StringComparison.Ordinal);
        Assert.Contains("Adduser 3, Hydra_FTP 3, Web_Shell 3", Html, StringComparison.Ordinal);
        Assert.Contains("Test CPU @ 3.00GHz, 2 logical cores", Html, StringComparison.Ordinal);
        Assert.Contains("<code>" + Path.Combine("/tmp/results", ReportFixture.Experiment, Result.RunId) + "</code>", Html, StringComparison.Ordinal);
        Assert.Contains("<code>metrics.csv</code>", Html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenARun_WhenRendered_ThenTheHtmlIsWellFormedEnough()
    {
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", Html, StringComparison.Ordinal);
        Assert.EndsWith("</body>\n</html>\n", Html, StringComparison.Ordinal);
        var markup = Regex.Replace(Html, "(<script[^>]*>).*?(</script>)", "$1$2", RegexOptions.Singleline);
        foreach (var element in new[] { "html", "head", "body", "section", "header", "table", "thead", "tbody", "tr", "td", "th", "div", "script", "p", "ul", "li", "h2", "h3", "code", "span", "nav", "style", "title" })
        {
            var open = Regex.Matches(markup, $"<{element}[\\s>]").Count;
            var close = Regex.Matches(markup, $"</{element}>").Count;
            Assert.True(open == close, $"<{element}>: {open} opened, {close} closed");
        }
    }

    [Fact]
    public void GivenDetectorNamesWithMarkup_WhenRendered_ThenTheyAreEscapedAndCannotCloseAScript()
    {
        var html = ReportDocument.Render(ReportFixture.Result(["<b>bold</b>", "</script><script>alert(1)</script>", "plain"]));

        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)</script>", html, StringComparison.Ordinal);
        var page = WithoutPlotlyBundle(html);
        Assert.Equal(Regex.Matches(page, "<script").Count, Regex.Matches(page, "</script>").Count);
        Assert.Contains("\\u003c/script>\\u003cscript>alert(1)", page, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoDatasetOverview_WhenRendered_ThenTheDatasetSectionSaysWhyItIsMissing()
    {
        var html = ReportDocument.Render(Result);

        Assert.Contains("<section id=\"dataset\"><h2>Dataset overview</h2>\n<p class=\"missing\">Not available", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"chart-lengths\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenARunDirectory_WhenExported_ThenReportHtmlIsWrittenAndNoTemporaryFileRemains()
    {
        var directory = Directory.CreateTempSubdirectory("report-export-").FullName;
        try
        {
            new HtmlReportExporter().Export(Result, ReportFixture.Dataset(), directory);

            Assert.Equal(new[] { "report.html" }, Directory.GetFiles(directory).Select(f => Path.GetFileName(f)).ToArray());
            var written = File.ReadAllText(Path.Combine(directory, "report.html"));
            Assert.Contains("id=\"chart-novelty\"", written, StringComparison.Ordinal);
            Assert.Equal("report.html", new HtmlReportExporter().Name);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void GivenTheSameResult_WhenRenderedTwice_ThenThePagesAreIdentical()
    {
        Assert.Equal(Html, ReportDocument.Render(Result, DatasetOverview.Compute(ReportFixture.Dataset())));
    }

    [Fact]
    public void GivenOnlyADataset_WhenTheOverviewIsRendered_ThenThePageHasTheOverviewChartsAndNoRunSections()
    {
        var html = ReportDocument.RenderOverview(DatasetOverview.Compute(ReportFixture.Dataset()), "inline");

        Assert.Contains("<section id=\"dataset\">", html, StringComparison.Ordinal);
        Assert.Contains("renderChart('chart-novelty'", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<section id=\"metrics\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", WithoutPlotlyBundle(html), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAResultWhoseOperatingPointsDoNotMatchTheConfig_WhenExported_ThenAnInvalidOperationExceptionNamesTheReport()
    {
        // One configured false-alarm rate more than the evaluation computed (the summary is the original's): the table cannot be built.
        var result = Result with { Config = Result.Config with { Evaluation = new() { FalseAlarmRates = [0.01, 0.1, 0.2] } }, Summary = Result.Summary };
        var directory = Directory.CreateTempSubdirectory("report-fail-").FullName;
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => new HtmlReportExporter().Export(result, directory));

            Assert.StartsWith("report.html: the report could not be built", error.Message, StringComparison.Ordinal);
            Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
            Assert.Empty(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    internal static string WithoutPlotlyBundle(string html) =>
        Regex.Replace(html, "<script type=\"text/javascript\" id=\"plotly-js\">.*?</script>", "", RegexOptions.Singleline);

    private static string MetricsRow(string detector)
    {
        var match = Regex.Match(Html, $"<tr><td class=\"name\">{Regex.Escape(detector)}</td>.*?</tr>");
        Assert.True(match.Success, $"no metrics row for {detector}");
        return match.Value;
    }
}
