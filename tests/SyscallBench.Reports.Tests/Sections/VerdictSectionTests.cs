using System.Text.RegularExpressions;
using SyscallBench.Core.Evaluation.Verdict;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Html;
using SyscallBench.Reports.Sections;

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
    [Fact]
    public void GivenElevenDetectorsTiedAtNoDetection_WhenJudged_ThenTheVerdictNamesNoWinnerAndSaysNoneSeparatesTheClasses()
    {
        // Given eleven hand-made entries that differ in AUC but all detect 0% of attacks at 1% false alarms
        var rows = Enumerable.Range(1, 11)
            .Select(i => new VerdictRow($"detector-{i}", 0.5 + i / 100.0, null, 0.2, null, [0.0], 0.9 + i / 1000.0))
            .ToArray();

        // When the verdict is built and shown
        var lines = VerdictBuilder.Build(rows, [0.01], 0.9);
        var html = VerdictSection.Html(new RunVerdict(lines, MeansOverRuns: false));

        // Then detection at 1% has no winner and says why, instead of an eleven-way "tie between" framed as a best
        var detection = lines.Single(l => l.Metric == VerdictMetrics.DetectionRate);
        Assert.True(detection.AllTied);
        Assert.True(detection.NoneSeparates);
        var sentence = Regex.Match(html, "<li><b>detection at 1% false alarms:</b>(.*?)</li>").Groups[1].Value;
        Assert.Equal(" no winner: all 11 detectors are at 0%, so no detector separates the classes here.", sentence);
        Assert.DoesNotContain("tie between", html, StringComparison.Ordinal);
        Assert.DoesNotContain("all detectors equal", html, StringComparison.Ordinal);

        // And average precision, tied at 0.2, has no winner either, without the claim that nothing separates; ROC AUC has one
        Assert.Contains("<li><b>average precision:</b> no winner: all 11 detectors are at 0.200, so this criterion does not tell them apart.</li>",
            html, StringComparison.Ordinal);
        Assert.Equal(["detector-11"], lines[0].Best);
    }
}
