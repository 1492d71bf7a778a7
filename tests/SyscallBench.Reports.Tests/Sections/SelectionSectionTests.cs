using SyscallBench.Core.Detection.Selection;
using SyscallBench.Core.Probes.Selection;

namespace SyscallBench.Reports.Tests.Sections;

public sealed class SelectionSectionTests
{
    private static readonly SelectionOutcome Outcome = new("synthetic_anomalies", true, "clean.window_length=4",
    [
        new SelectionCandidate("clean.window_length=2", new Dictionary<string, string> { ["window_length"] = "2" }, 0.91),
        new SelectionCandidate("clean.window_length=4", new Dictionary<string, string> { ["window_length"] = "4" }, 0.97),
    ], FittingTraces: 80, HeldOutTraces: 20, SyntheticAnomalies: 40);

    [Fact]
    public void GivenASelection_WhenRendered_ThenItsSectionListsEveryVariantWithTheChosenOneMarkedAndIsLinked()
    {
        // When a run whose first detector chose its window is rendered
        var html = ReportDocument.Render(InsightSectionsTests.WithProbes(new SelectionProbeResult(Outcome)));

        // Then
        Assert.Contains("<a href=\"#selection\">selection</a>", html, StringComparison.Ordinal);
        var section = InsightSectionsTests.Section(html, "selection");
        Assert.Contains("window_length=4 chosen by synthetic_anomalies (ROC AUC of 20 held-out training normals against 40 synthetic anomalies, "
            + "higher is better; each variant fitted on the other 80): window_length=2 0.9100, window_length=4 0.9700 (chosen)", section, StringComparison.Ordinal);
        Assert.Contains("<tr><td class=\"name\">clean.window_length=2</td><td>0.9100</td><td></td></tr>", section, StringComparison.Ordinal);
        Assert.Contains("<tr><td class=\"name\">clean.window_length=4</td><td>0.9700</td><td>✓</td></tr>", section, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoSelection_WhenRendered_ThenThereIsNoSelectionSection()
    {
        var html = ReportDocument.Render(InsightSectionsTests.WithProbes());

        Assert.DoesNotContain("id=\"selection\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"#selection\"", html, StringComparison.Ordinal);
    }
}
