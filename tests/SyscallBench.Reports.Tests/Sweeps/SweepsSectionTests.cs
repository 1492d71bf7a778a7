using System.Text.RegularExpressions;
using SyscallBench.Core.Config;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Sweeps;

namespace SyscallBench.Reports.Tests.Sweeps;

public sealed class SweepsSectionTests
{
    /// <summary>The fixture's three detectors, the first two as the variants window=2 and window=4 of the family "k".</summary>
    private static RunResult WithSweep(IReadOnlyList<int>? seeds = null)
    {
        var result = ReportFixture.Result(["k.window=2", "k.window=4", "other"], seeds);
        var specs = result.Config.Detectors.Select((d, i) => i < 2
            ? d with { Sweep = new DetectorSweep("k", [KeyValuePair.Create("window", i == 0 ? "2" : "4")]) }
            : d).ToArray();
        return (result with { Config = result.Config with { Detectors = specs } }).Summarized();
    }

    [Fact]
    public void GivenASweep_WhenRendered_ThenAucAndApChartsAgainstTheParameterWithIntervalBars()
    {
        var result = WithSweep();

        var html = ReportDocument.Render(result);

        var section = Regex.Match(html, "<section id=\"sweeps\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("<h3>window</h3>", section, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart\" id=\"chart-sweep-window-auc\"", section, StringComparison.Ordinal);
        Assert.Contains("<div class=\"chart\" id=\"chart-sweep-window-ap\"", section, StringComparison.Ordinal);
        Assert.Contains("\"error_y\":{\"type\":\"data\"", section, StringComparison.Ordinal);
        Assert.Contains("bootstrap intervals", section, StringComparison.Ordinal);
        var navigation = Regex.Matches(html, "<a href=\"#([a-z-]+)\">").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(navigation.IndexOf("comparisons") + 1, navigation.IndexOf("sweeps"));

        var plot = Assert.Single(SweepPlot.Of(result));
        var line = Assert.Single(plot.Lines);
        Assert.Equal("k", line.Name);
        Assert.True(plot.Numeric);
        Assert.Equal(["2", "4"], line.Points.Select(p => p.Value));
        var clean = result.Detectors[0].Evaluation;
        Assert.Equal(new SweepValue(clean.RocAuc, clean.RocAucCi!.Lower, clean.RocAucCi.Upper), line.Points[0].RocAuc);
    }

    [Fact]
    public void GivenASweepOverSeveralSeeds_WhenPlotted_ThenMeansWithStdBars()
    {
        var result = WithSweep([1, 2, 3]);

        var point = SweepPlot.Of(result).Single().Lines.Single().Points[1];

        var summary = SeedSummary.Of(result).Single(s => s.Detector == "k.window=4");
        Assert.Equal(new SweepValue(summary.RocAuc.Mean, summary.RocAuc.Mean - summary.RocAuc.StandardDeviation,
            summary.RocAuc.Mean + summary.RocAuc.StandardDeviation), point.RocAuc);
        Assert.True(summary.RocAuc.StandardDeviation > 0);
    }

    [Fact]
    public void GivenASweepOverReSplitsWithOneSeed_WhenPlotted_ThenMeansOverTheSplitsWithStdBars()
    {
        // Given three re-splits and a single seed: repeats, though not of the seed
        var result = ReportFixture.AsResplits(WithSweep([1, 2, 3]));

        var point = SweepPlot.Of(result).Single().Lines.Single().Points[1];

        // Then the point is the mean over the splits, not the first split's value with its bootstrap interval
        var summary = SeedSummary.Of(result).Single(s => s.Detector == "k.window=4");
        Assert.Equal(3, summary.Seeds);
        Assert.True(summary.RocAuc.StandardDeviation > 0);
        Assert.Equal(new SweepValue(summary.RocAuc.Mean, summary.RocAuc.Mean - summary.RocAuc.StandardDeviation,
            summary.RocAuc.Mean + summary.RocAuc.StandardDeviation), point.RocAuc);
        var section = Regex.Match(ReportDocument.Render(result), "<section id=\"sweeps\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains("Points are means over runs (seeds and re-splits)", section, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoSweep_WhenRendered_ThenNoSweepSection()
    {
        var html = ReportDocument.Render(ReportFixture.Result());

        Assert.DoesNotContain("id=\"sweeps\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("#sweeps", html, StringComparison.Ordinal);
    }
}
