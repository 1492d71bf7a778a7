using System.Text.RegularExpressions;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Tests.Sections;

public sealed class ComparisonsSectionTests
{
    private static readonly Lazy<(RunResult Result, string Html)> Fixture = new(() =>
    {
        var result = ReportFixture.Result();
        return (result, ReportDocument.Render(result));
    });

    private static string Section =>
        Regex.Match(Fixture.Value.Html, "<section id=\"comparisons\">.*?</section>", RegexOptions.Singleline).Value;

    [Fact]
    public void GivenThreeDetectors_WhenRendered_ThenTheMatrixAndEveryPairAreShown()
    {
        Assert.Contains("<div class=\"chart\" id=\"chart-comparisons\"", Section, StringComparison.Ordinal);
        Assert.Contains("renderChart('chart-comparisons', {", Section, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"heatmap\"", Section, StringComparison.Ordinal);
        Assert.Contains("Holm-adjusted over the 3 pairs", Section, StringComparison.Ordinal);
        var rows = Regex.Matches(Section, "<tr><td>([^<]+)</td><td>([^<]+)</td>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Equal([("clean", "noisy"), ("clean", "blind"), ("noisy", "blind")], rows.OrderBy(r => r.Item1 == "noisy").ThenBy(r => r.Item2 == "blind"));
    }

    [Fact]
    public void GivenAPerfectDetectorAgainstAConstantOne_WhenRendered_ThenTheCellShowsTheDifferenceAsCertain()
    {
        // clean has AUC 1, blind scores everything alike (AUC 0.5): DeLong's error is 0, p = 0.
        var comparison = DetectorComparisons.Of(Fixture.Value.Result).Single(c => c.A.Detector == "clean" && c.B.Detector == "blind");
        Assert.Equal(0.5, comparison.Test.Difference);
        Assert.Equal(0, comparison.Test.DeLong.PValue);

        Assert.Contains("<tr><td>clean</td><td>blind</td><td>1.000</td><td>0.500</td><td>+0.5000***</td>", Section, StringComparison.Ordinal);
        Assert.Contains("\"+0.500***\"", Section, StringComparison.Ordinal);
        Assert.Contains("\"-0.500***\"", Section, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenPairedTests_WhenRendered_ThenTheVerdictUsesDeLongInsteadOfIntervalOverlap()
    {
        // noisy and blind tie as runner-up (AUC 0.5); clean against blind is certain (p 0), so the weaker
        // evidence, clean against noisy, speaks for the line.
        var verdict = Regex.Match(Fixture.Value.Html, "<section id=\"verdict\">.*?</section>", RegexOptions.Singleline).Value;
        var comparison = DetectorComparisons.Of(Fixture.Value.Result).Single(c => c.A.Detector == "clean" && c.B.Detector == "noisy");

        Assert.Contains($"Paired DeLong test: p = {Text.PValue(comparison.Test.DeLong.PValue)}, Holm-adjusted over 3 pairs {Text.PValue(comparison.Test.DeLongPHolm)}",
            verdict, StringComparison.Ordinal);
        var overall = Regex.Match(verdict, "<li><b>overall \\(ROC AUC\\):</b>.*?</li>").Value;
        Assert.DoesNotContain("confidence intervals", overall, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenOneDetector_WhenRendered_ThenTheSectionSaysThereIsNothingToCompare()
    {
        var html = ReportDocument.Render(ReportFixture.Result(["alone"]));

        Assert.Contains("Only one detector: nothing to compare.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-comparisons", html, StringComparison.Ordinal);
    }
}
