using System.Text.RegularExpressions;

namespace SyscallBench.Reports.Tests;

public sealed class OverTimeSectionTests
{
    [Fact]
    public void GivenResultsWithoutTimeAwareEvaluation_WhenRendered_ThenNeitherTheSectionNorItsLinkExists()
    {
        // When
        var html = ReportDocument.Render(ReportFixture.Result());

        // Then
        Assert.DoesNotContain("id=\"over-time\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"#over-time\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenRecordingsJudgedOverTime_WhenRendered_ThenTheSectionHasEveryBudgetTheCurveTheLatenciesAndTheTimelines()
    {
        // Given
        var result = OverTimeFixture.Result();

        // When
        var html = ReportDocument.Render(result);

        // Then
        Assert.Contains("<section id=\"over-time\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#over-time\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"pr\"", StringComparison.Ordinal) < html.IndexOf("id=\"over-time\"", StringComparison.Ordinal));
        Assert.Equal(2 * 3, Regex.Matches(html, "<td>(0 \\(LID-DS: max on validation\\)|10)</td>").Count);
        Assert.Contains("id=\"chart-over-time-curve\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-over-time-latency\"", html, StringComparison.Ordinal);
        Assert.Contains("from the scenario&#39;s validation/ recordings", html, StringComparison.Ordinal);
        // The three most anomalous attacks and the typical normal, the exploit start drawn on each attack
        Assert.Equal(4, Regex.Matches(html, "id=\"chart-over-time-recording-[a-z0-9._-]+\"").Count);
        Assert.Equal(3, Regex.Matches(html, "\"text\":\"exploit start\"").Count);
        Assert.Contains("most anomalous attack #1: test/attack/", html, StringComparison.Ordinal);
        Assert.Contains("typical normal (median length): test/normal/", html, StringComparison.Ordinal);
        // The top windows name the calls that drove them
        Assert.Contains("<td class=\"calls\">execve socket</td>", html, StringComparison.Ordinal);
        Assert.Contains("execve socket", Regex.Match(html, "renderChart\\('chart-over-time-recording-[^']+'.*").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenSlicesOfOneRecording_WhenRendered_ThenTheyAreDrawnTogetherAsThatRecording()
    {
        // Given
        var result = OverTimeFixture.Result(sliced: true);

        // When
        var html = ReportDocument.Render(result);

        // Then: one drawn recording, made of every slice
        Assert.Single(Regex.Matches(html, "id=\"chart-over-time-recording-[a-z0-9._-]+\""));
        Assert.Contains("most anomalous attack #1: whole-recording (CVE-1)", html, StringComparison.Ordinal);
    }
}
