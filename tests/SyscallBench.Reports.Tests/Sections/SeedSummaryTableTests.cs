using System.Text.RegularExpressions;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Tests.Sections;

public sealed class SeedSummaryTableTests
{
    private static readonly Lazy<(RunResult Result, string Html)> Fixture = new(() =>
    {
        var result = ReportFixture.Result(seeds: [1, 2, 3]);
        return (result, ReportDocument.Render(result));
    });

    private static string Metrics =>
        Regex.Match(Fixture.Value.Html, "<section id=\"metrics\">.*?</section>", RegexOptions.Singleline).Value;

    [Fact]
    public void GivenThreeSeeds_WhenRendered_ThenMeanAndStdRowsComeFirstAndPerSeedRowsAreCollapsed()
    {
        var summaryStart = Metrics.IndexOf("Mean ± standard deviation over seeds", StringComparison.Ordinal);
        var details = Metrics.IndexOf("<details><summary>Per-seed results", StringComparison.Ordinal);
        Assert.True(summaryStart >= 0 && details > summaryStart);

        var summaryTable = Metrics[summaryStart..details];
        Assert.Equal(3, Regex.Matches(summaryTable, "<tr><td class=\"name\">").Count);
        var perSeed = Metrics[details..];
        Assert.Equal(9, Regex.Matches(perSeed, "<tr><td class=\"name\">").Count);
        Assert.Contains("<td class=\"name\">noisy@seed=2</td>", perSeed, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenReSplitsWithOneSeed_WhenRendered_ThenMeanAndStdOverRunsComeFirst()
    {
        // Given three re-splits and a single seed: repeats without several seeds
        var html = ReportDocument.Render(ReportFixture.AsResplits(ReportFixture.Result(seeds: [1, 2, 3])));
        var metrics = Regex.Match(html, "<section id=\"metrics\">.*?</section>", RegexOptions.Singleline).Value;

        // Then the table of means over the runs is shown, each detector counted over its 3 runs
        Assert.Contains("Mean ± standard deviation over runs (seeds and re-splits)", metrics, StringComparison.Ordinal);
        Assert.Contains("<td class=\"name\">noisy (3 runs)</td>", metrics, StringComparison.Ordinal);
        Assert.Contains("<details><summary>Per-run results", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenASeedDependentDetector_WhenRendered_ThenItsRowShowsMeanStdAndPerSeedAucs()
    {
        var summary = Assert.Single(SeedSummary.Of(Fixture.Value.Result), s => s.Detector == "noisy");
        Assert.True(summary.RocAuc.StandardDeviation > 0);

        var row = Regex.Match(Metrics, "<tr><td class=\"name\">noisy \\(3 seeds\\)</td>.*?</tr>").Value;
        Assert.Contains($"{Text.Fixed(summary.RocAuc.Mean)} ± {Text.Fixed(summary.RocAuc.StandardDeviation)} <span class=\"ci\">["
            + string.Join(", ", summary.RocAuc.Values.Select(v => Text.Fixed(v))) + "]</span>", row, StringComparison.Ordinal);
        Assert.Contains($"{Text.Percent(summary.DetectionRates[1].Mean)} ± {Text.Percent(summary.DetectionRates[1].StandardDeviation)}", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"name\">clean (3 seeds)</td><td>stide</td><td class=\"best\">1.000 ± 0.000", Metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenOneSeed_WhenRendered_ThenThereIsNoSummaryTable()
    {
        var html = ReportDocument.Render(ReportFixture.Result());

        Assert.DoesNotContain("Mean ± standard deviation over seeds", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Per-seed results", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenThreeSeeds_WhenRendered_ThenComparisonsShowTheFirstSeedAndSaySo()
    {
        var section = Regex.Match(Fixture.Value.Html, "<section id=\"comparisons\">.*?</section>", RegexOptions.Singleline).Value;

        Assert.Contains("compared seed by seed; shown: seed 1", section, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(section, "<tr><td>").Count);
    }
}
