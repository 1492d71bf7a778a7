using SyscallBench.Core.Probes.Generalization;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Generalization;

namespace SyscallBench.Reports.Tests.Sections;

public sealed class GeneralizationSectionTests
{
    private static readonly TrainingThreshold Threshold = new(0.01, 2.0, 0.0);

    /// <summary>The fixture run with generalization findings attached: "lstm" over two seeds, "stide" with one.</summary>
    private static RunResult WithFindings()
    {
        var run = ReportFixture.Result(["lstm", "stide"]);
        static HeldOutRunFinding Finding(double score, bool normal, bool[] flagged, SuccessorPrediction? prediction) =>
            new("8 8 8", 9, score, normal,
                flagged.Select((f, i) => new WrongSuccessorFinding(i + 1, f ? 3.0 : 1.0, f)).ToArray(), prediction);
        var lstm = run.Detectors[0];
        var stide = run.Detectors[1];
        DetectorResult With(DetectorResult r, int seed, HeldOutRunFinding finding) =>
            r with { Seed = seed, Probes = [new GeneralizationProbeResult(Threshold, [finding])] };
        return (run with
        {
            Detectors =
            [
                With(lstm, 1, Finding(1.5, true, [true, true, false, true], new SuccessorPrediction(0.6, 1, true, 9, 0.6))),
                With(lstm, 2, Finding(2.5, false, [true, true, true, true], new SuccessorPrediction(0.2, 3, false, 5, 0.4))),
                With(stide, 1, Finding(1.0, false, [true, true, true, true], null)),
            ],
        }).Summarized();
    }

    [Fact]
    public void GivenProbeFindingsOverTwoSeeds_WhenSummarised_ThenSharesAndMeansAreOverSeeds()
    {
        // When
        var summaries = GeneralizationSummary.Of(WithFindings());

        // Then
        Assert.Equal(2, summaries.Count);
        var lstm = summaries[0];
        Assert.Equal(("lstm", "8 8 8", 9, 2), (lstm.Detector, lstm.Run, lstm.Successor, lstm.Seeds));
        Assert.Equal(0.5, lstm.AcceptedShare);
        Assert.Equal(7 / 8.0, lstm.WrongFlaggedShare);
        Assert.Equal(0.5, lstm.TopShare);
        Assert.Equal(0.4, lstm.MeanProbability!.Value, 12);
        Assert.Equal(2.0, lstm.MeanRank);
        // seed 1: the 3 flagged wrong successors (3.0) score above 1.5; seed 2: all 4 (3.0) above 2.5
        Assert.Equal(7 / 8.0, lstm.WrongAboveShare);
        var stide = summaries[1];
        Assert.Null(stide.TopShare);
        Assert.Null(stide.MeanProbability);
    }

    [Fact]
    public void GivenProbeFindings_WhenRendered_ThenTheSectionHasItsTableChartAndNavigationEntry()
    {
        // When
        var html = ReportDocument.Render(WithFindings());

        // Then
        Assert.Contains("<section id=\"generalization\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-generalization\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#generalization\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>8 8 8 → 9</td><td>2</td><td>50%</td><td>88%</td><td>88%</td><td>50%</td><td>0.400</td><td>2.0</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoProbeFindings_WhenRendered_ThenThereIsNoGeneralizationSection()
    {
        // When
        var html = ReportDocument.Render(ReportFixture.Result());

        // Then
        Assert.DoesNotContain("generalization", html, StringComparison.Ordinal);
    }
}
