using System.Text.RegularExpressions;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Probes;
using SyscallBench.Core.Probes.Insights;
using SyscallBench.Core.Results;

namespace SyscallBench.Reports.Tests.Sections;

public sealed class InsightSectionsTests
{
    internal static readonly ExplanationProbeResult Explanation = new(29,
    [
        new ExplainedTrace(1, "test/attack/0", true, "Adduser", 10, 7, 3,
        [
            new DrivingPosition(3, 4.5, 0, [1, 9, 2, 11, 3, 9]),
            new DrivingPosition(1, 2.25, 0, [1, 9, 2, 11]),
        ]),
        new ExplainedTrace(2, "test/normal/4", false, null, 0.4, 10, 0, []),
    ]);

    internal static readonly NextCallProbeResult NextCall = new(
    [
        new NextCallTrace(NextCallProbe.MostAnomalousAttack, "test/attack/0", true, "Adduser", 10, 7, 0,
            [1, 9, 2, 11, 3, 9, 4], [0.1, 3.2, 0.2, 4.5, 0.1, 3.0, 0.3],
            [
                new NextCallPosition(NextCallProbe.MaximumSurprisal, 3, 11, 4.5, 0.04, 3, true,
                    [new NextCallProbability(5, 0.9), new NextCallProbability(3, 0.06), new NextCallProbability(null, 0.04)]),
                new NextCallPosition(NextCallProbe.TypicalSurprisal, 5, 9, 3.0, 0.05, 4, false,
                    [new NextCallProbability(5, 0.9), new NextCallProbability(3, 0.06)]),
            ]),
    ]);

    /// <summary>The fixture run recorded as ADFA-LD (so syscalls get names), with probe results on "clean" only.</summary>
    internal static RunResult WithProbes(params ProbeResult[] probes)
    {
        var run = ReportFixture.Result();
        var adfa = run.Dataset with { Provenance = run.Dataset.Provenance with { Type = "adfa-ld" } };
        return (run with { Dataset = adfa, Detectors = [run.Detectors[0] with { Probes = probes }, .. run.Detectors.Skip(1)] }).Summarized();
    }

    [Fact]
    public void GivenNoProbeResults_WhenRendered_ThenNeitherSectionNorItsLinkExists()
    {
        // When
        var html = ReportDocument.Render(WithProbes());

        // Then
        Assert.DoesNotContain("id=\"explanations\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"nextcall\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"#explanations\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-nextcall", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenExplanations_WhenRendered_ThenEachFlaggedTraceHasItsLineAndPositionsWithNamedCalls()
    {
        // When
        var html = ReportDocument.Render(WithProbes(Explanation));

        // Then
        Assert.Contains("<a href=\"#explanations\">explanations</a>", html, StringComparison.Ordinal);
        var section = Section(html, "explanations");
        Assert.Contains("<b>#1</b> of 29 <span class=\"name\">test/attack/0</span> — <span class=\"attack\">attack (Adduser)</span>, score 10, 7 calls; 3 positions scored above 0", section, StringComparison.Ordinal);
        // The position's own call in bold, the rest of the context around it, "…" where the trace goes on
        Assert.Contains("<tr><td>3</td><td>4.5</td><td class=\"calls\">exit (1) link (9) fork (2) <b>execve (11)</b> read (3) link (9) …</td></tr>", section, StringComparison.Ordinal);
        Assert.Contains("<tr><td>1</td><td>2.25</td>", section, StringComparison.Ordinal);
        Assert.Contains("normal, score 0.4, 10 calls; 0 positions scored above 0</p>\n<p class=\"note\">No position scored above 0.</p>", section, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"nextcall\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenADetectorWithoutPositionScores_WhenExplained_ThenTheReportSaysSo()
    {
        // Given
        var explanation = new ExplanationProbeResult(29, [new ExplainedTrace(1, "test/attack/0", true, "Adduser", 10, 7, null, null)]);

        // When
        var section = Section(ReportDocument.Render(WithProbes(explanation)), "explanations");

        // Then
        Assert.Contains("gives no per-position scores", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", section, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNextCallPredictions_WhenRendered_ThenTheSurprisalLineAndOneBarChartPerPositionAreEmbedded()
    {
        // When
        var html = ReportDocument.Render(WithProbes(NextCall));

        // Then
        Assert.Contains("<a href=\"#nextcall\">next calls</a>", html, StringComparison.Ordinal);
        var section = Section(html, "nextcall");
        var charts = Regex.Matches(section, "<div class=\"chart\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value);
        const string Trace = "chart-nextcall-clean-most-anomalous-attack-test-attack-0";
        Assert.Equal(new[] { Trace, Trace + "-maximum-surprisal", Trace + "-typical-surprisal" }, charts);
        Assert.Contains("most anomalous attack: <span class=\"name\">test/attack/0</span> (Adduser), score 10, 7 calls</h4>", section, StringComparison.Ordinal);
        Assert.Contains("<b>maximum surprisal</b>, call 3: the model expected open (5) at 90%; it was <b>execve (11), unseen in training</b> at 4% (rank 3).", section, StringComparison.Ordinal);
        Assert.Contains("<b>typical surprisal</b>, call 5: the model expected open (5) at 90%; it was <b>link (9)</b> at 5% (rank 4).", section, StringComparison.Ordinal);
        // Bars by name; the unseen call is the unknown bucket's bar; the actual call outside the top gets its own
        Assert.Contains("\"unknown (unseen in training)\"", section, StringComparison.Ordinal);
        Assert.Contains("\"actual call (rank 4)\"", section, StringComparison.Ordinal);
        Assert.Contains("\"link (9)\"", section, StringComparison.Ordinal);
        Assert.Contains("\"barmode\":\"overlay\"", section, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnEmptyNextCallResult_WhenRendered_ThenTheSectionIsLeftOut()
    {
        // When
        var html = ReportDocument.Render(WithProbes(new NextCallProbeResult([])));

        // Then
        Assert.DoesNotContain("id=\"nextcall\"", html, StringComparison.Ordinal);
    }

    internal static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
