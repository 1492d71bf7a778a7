using System.Text.RegularExpressions;
using SyscallBench.Core.Evaluation.Verdict;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Tests.Sections;

public sealed class VerdictSectionTests
{
    /// <summary>The fixture over seeds 1-3: "noisy" scores differently under each seed, "clean" is perfect under all.</summary>
    private static RunResult WithSeeds() => ReportFixture.Result(seeds: [1, 2, 3]);

    public static TheoryData<string> Runs => new() { "seeds", "resplits" };

    [Theory]
    [MemberData(nameof(Runs))]
    public void GivenRepeats_WhenJudged_ThenDetectorsAreRankedByTheirMeanOverRuns(string runs)
    {
        // Given a run where every detector has several results (seeds, or re-splits)
        var result = runs == "seeds" ? WithSeeds() : ReportFixture.AsResplits(WithSeeds());
        var comparisons = result.Summary.Comparisons;
        var matrix = result.Summary.Matrix;

        // When the verdict is built
        var judged = result.Summary.Verdict;
        var overall = judged.Lines[0];

        // Then it names detectors, not runs: clean once (not tied with itself on another seed or split), and
        // the runner-up is the detector with the next best mean, at that mean
        Assert.True(judged.MeansOverRuns);
        var means = result.Summary.SeedSummaries.ToDictionary(s => s.Detector, s => s.RocAuc.Mean);
        Assert.Equal(["clean"], overall.Best);
        Assert.Equal(means["clean"], overall.BestValue);
        var runnerUpMean = means.Where(m => m.Key != "clean").Max(m => m.Value);
        Assert.Equal(means.Where(m => m.Value == runnerUpMean).Select(m => m.Key), overall.RunnerUp);
        Assert.Equal(runnerUpMean, overall.RunnerUpValue);

        // And the paired test is the matrix's (first split, first seed) for that pair, saying so
        var runnerUp = Assert.Single(overall.RunnerUp);
        var shown = comparisons.Single(c => c.Split == matrix!.Split && c.Seed == matrix.Seed
            && new[] { c.A.Detector, c.B.Detector }.Order().SequenceEqual(new[] { "clean", runnerUp }.Order()));
        Assert.Equal(new PairedEvidence("DeLong", shown.Test.DeLong.PValue, shown.Test.DeLongPHolm, 3, $"{matrix!.Split}, seed 1"), overall.Paired);

        var html = ReportDocument.Render(result);
        var verdict = Regex.Match(html, "<section id=\"verdict\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Contains($"Paired DeLong test on {matrix.Split}, seed 1 (the comparison matrix's run): p = {Text.PValue(shown.Test.DeLong.PValue)}",
            verdict, StringComparison.Ordinal);
        Assert.Contains("Detectors are ranked by their mean over runs", verdict, StringComparison.Ordinal);
        Assert.DoesNotContain("@seed=", verdict, StringComparison.Ordinal);
        Assert.DoesNotContain("[resplit-", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenOneRunPerDetector_WhenJudged_ThenResultsAreRankedAsTheyAre()
    {
        var result = ReportFixture.Result();

        var overall = result.Summary.Verdict.Lines[0];

        Assert.Equal(["clean"], overall.Best);
        Assert.Null(overall.Paired!.Shown);
        Assert.DoesNotContain("mean over runs", ReportDocument.Render(result), StringComparison.Ordinal);
    }
}
