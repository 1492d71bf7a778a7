using SyscallBench.Core.Results;
using SyscallBench.Core.Splits;

namespace SyscallBench.Reports.Tests.Sections;

public sealed class LearningCurveSectionTests
{
    private static SplitManifest Split(string name, string? baseSplit, int trainTraces) =>
        new(name, "test", baseSplit, trainTraces, 0, 0, TrainCalls: 0, TestCalls: 0, "train-hash", "test-hash", 0, 0, [], [], []);

    /// <summary>The fixture's run plus a learning-curve point (5 training traces) for every detector.</summary>
    private static RunResult WithLearningCurve()
    {
        var result = ReportFixture.Result();
        var points = result.Detectors.Select(d => d with { Split = "official-train-5" });
        return (result with { Detectors = [.. result.Detectors, .. points] }
            with { Splits = [Split("official", null, 40), Split("official-train-5", "official", 5)] }).Summarized();
    }

    [Fact]
    public void GivenARunWithALearningCurve_WhenRendered_ThenItHasItsSectionAndThePointsStayOutOfTheMainTables()
    {
        // When the report of a run with a learning curve is rendered
        var result = WithLearningCurve();
        var html = ReportDocument.Render(result);

        // Then it has the learning-curve section and link, and its metrics table lists only the main results
        Assert.Contains("<section id=\"learning-curve\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#learning-curve\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("official-train-5", html, StringComparison.Ordinal);
        Assert.Equal(result.Detectors.Count / 2, result.MainResults.Count());
    }

    [Fact]
    public void GivenARunOnReSplits_WhenRendered_ThenTheHeaderNamesEachSplitsCounts()
    {
        // Given a run on two re-splits
        var result = (ReportFixture.Result() with
        {
            Splits = [Split("resplit-1", null, 30) with { TestNormalTraces = 12, TestAttackTraces = 4 }, Split("resplit-2", null, 31)],
        }).Summarized();

        // When its report is rendered
        var header = ReportDocument.Render(result).Split("</header>")[0];

        // Then the header says what each split trained and tested on, beside the dataset's own split
        Assert.Contains("resplit-1: 30 train, 12 normal + 4 attack test traces; resplit-2: 31 train", header, StringComparison.Ordinal);
        Assert.Contains("the train and test rows above are the dataset's own split", header, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenARunWithoutALearningCurve_WhenRendered_ThenThereIsNoSuchSection()
    {
        var html = ReportDocument.Render(ReportFixture.Result());
        Assert.DoesNotContain("learning-curve", html, StringComparison.Ordinal);
    }
}
