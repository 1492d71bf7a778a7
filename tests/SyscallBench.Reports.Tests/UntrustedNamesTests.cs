using SyscallBench.Reports.Dataset;

namespace SyscallBench.Reports.Tests;

/// <summary>Names that come from the user's files (families, trace ids) are text in the report, never markup.</summary>
public sealed class UntrustedNamesTests
{
    private const string Link = "<a href=\"https://example.com\">click</a>";

    [Fact]
    public void GivenAFamilyNamedLikeALink_WhenRendered_ThenChartsCarryItAsEscapedTextNotAsPlotlyMarkup()
    {
        // Given an attack family whose name is Plotly's link markup (it became a clickable link in the charts)
        var dataset = ReportFixture.Dataset(families: [Link, "plain"]);
        var result = ReportFixture.Result(dataset: dataset);

        // When the report is rendered
        var html = ReportDocument.Render(result, DatasetOverview.Compute(dataset));

        // Then chart JSON holds the name with its angle brackets as entities (Plotly shows them as written);
        // the page's script escaping turns a raw '<' into \u003c, so neither form of a raw tag may appear
        Assert.Contains("&lt;a href=\\\"https://example.com\\\"&gt;click&lt;/a&gt; (", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003ca href", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Link, html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNormalTracesWithFamilies_WhenRendered_ThenTheFamiliesSectionShowsFalseAlarmsPerKindOfNormalWork()
    {
        // Given test normals of two kinds of normal work, one with a hostile name
        var dataset = ReportFixture.Dataset(normalFamilies: ["backup", "<b>build</b>"]);
        var result = ReportFixture.Result(dataset: dataset);

        // When the report is rendered
        var html = ReportDocument.Render(result, DatasetOverview.Compute(dataset));

        // Then a table lists each detector's share of each normal family flagged, the name escaped as HTML text
        Assert.Contains("False alarms per kind of normal work", html, StringComparison.Ordinal);
        Assert.Contains("<td>backup</td><td>10</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;b&gt;build&lt;/b&gt;</td><td>10</td>", html, StringComparison.Ordinal);
        var clean = result.Detectors.Single(r => r.Detector == "clean").Evaluation;
        Assert.Equal(["<b>build</b>", "backup"], clean.NormalFamilies.Select(f => f.Family));
    }
}
