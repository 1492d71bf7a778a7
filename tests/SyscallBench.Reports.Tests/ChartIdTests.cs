using System.Text.RegularExpressions;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Tests;

/// <summary>Chart ids name the figure files of --figures: they say what the chart shows and are safe, unique file names.</summary>
public sealed class ChartIdTests
{
    [Theory]
    [InlineData(new[] { "scores", "stide-6@seed=2 [resplit-1]" }, "chart-scores-stide-6-seed-2-resplit-1")]
    [InlineData(new[] { "nextcall", "LSTM", "most anomalous attack", "Attack_Data_Master/Adduser_1/UAD-Adduser-1-2783.txt" },
        "chart-nextcall-lstm-most-anomalous-attack-attack_data_master-adduser_1-uad-adduser-1-2783.txt")]
    [InlineData(new[] { "over-time-recording", "../x#httpd tid 101" }, "chart-over-time-recording-x-httpd-tid-101")]
    public void GivenWhatAChartShows_WhenItsIdIsMade_ThenItIsThoseWordsAsASafeFileName(string[] parts, string id)
    {
        Assert.Equal(id, ChartId.Of(parts));
    }

    [Fact]
    public void GivenAVeryLongTraceId_WhenItsIdIsMade_ThenItIsCutWithAHashSoTwoSuchIdsStillDiffer()
    {
        var first = ChartId.Of("nextcall", "lstm", new string('a', 300) + "1");
        var second = ChartId.Of("nextcall", "lstm", new string('a', 300) + "2");

        Assert.Equal(ChartId.MaxLength, first.Length);
        Assert.NotEqual(first, second);
        Assert.Matches("^chart-nextcall-lstm-a+-[0-9a-f]{12}$", first);
    }

    [Fact]
    public void GivenAReportWithSeedsProbesAndFamilies_WhenRendered_ThenEveryChartIdIsUniqueSafeAndNamesNoPosition()
    {
        // Given the fixture's detectors with next-call and explanation probes
        var result = Sections.InsightSectionsTests.WithProbes(Sections.InsightSectionsTests.Explanation, Sections.InsightSectionsTests.NextCall);

        // When
        var ids = Regex.Matches(ReportDocument.Render(result), "<div class=\"chart\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();

        // Then
        Assert.NotEmpty(ids);
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ids, id => Assert.Matches("^chart-[a-z0-9._-]+$", id));
        Assert.DoesNotContain(ids, id => Regex.IsMatch(id, "^chart-(scores|timeline|families|nextcall)-\\d"));
    }
}
