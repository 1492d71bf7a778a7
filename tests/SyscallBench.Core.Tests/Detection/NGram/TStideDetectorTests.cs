using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.TestSupport;
using static SyscallBench.Core.Tests.Detection.DetectionFixtures;

namespace SyscallBench.Core.Tests.Detection.NGram;

public class TStideDetectorTests
{
    // Windows of length 3: {1 2 3} x2, {2 3 4} x2, {3 4 1} x1, {4 1 2} x1; total 6.
    private static readonly IReadOnlyList<Core.Traces.Trace> Training = Corpus([1, 2, 3, 4, 1, 2, 3, 4]);

    private static IFittedDetector FitTStide(double threshold, MismatchScore score = MismatchScore.MismatchRate, int frame = 20) =>
        new TStideDetector("tstide-test", new TStideOptions { WindowLength = 3, RarityThreshold = threshold, Score = score, LocalityFrame = frame })
            .Fit(Training, FitContext.Default);

    [Fact]
    public void GivenWindowsRarerThanTheThreshold_WhenScored_ThenTheyCountAsMismatches()
    {
        // Given: 341 and 412 have frequency 1/6 < 0.2; 123 and 234 have 2/6
        using var tstide = FitTStide(threshold: 0.2);

        // When: the training trace itself is scored
        var score = tstide.Score(T(1, 2, 3, 4, 1, 2, 3, 4));

        // Then: windows 2 (341, ends at call 4) and 3 (412, ends at call 5) are rare
        Assert.Equal(2.0 / 6.0, score.Value);
        Assert.Equal([0, 0, 0, 0, 1, 1, 0, 0], score.PositionScores!);
    }

    [Fact]
    public void GivenAThresholdEqualToAWindowsFrequency_WhenScored_ThenThatWindowIsNotRare()
    {
        // "Below" the threshold is strict: 1/6 is not below 1/6.
        using var tstide = FitTStide(threshold: 1.0 / 6.0);

        Assert.Equal(0.0, tstide.Score(T(1, 2, 3, 4, 1, 2, 3, 4)).Value);
    }

    [Fact]
    public void GivenRareAndUnseenWindows_WhenScoredByMaxLfc_ThenBothCountInTheFrame()
    {
        // Given: threshold 0.2 makes 341 and 412 rare; 5 is unseen
        using var tstide = FitTStide(threshold: 0.2, score: MismatchScore.MaxLfc, frame: 3);

        // When: windows 123 ok, 234 ok, 341 rare, 415 unseen, 151 unseen, 512 unseen
        var score = tstide.Score(T(1, 2, 3, 4, 1, 5, 1, 2));

        // Then: windows 2..5 are all mismatches, so a frame of 3 is full
        Assert.Equal(3.0 / 3.0, score.Value);
    }

    [Fact]
    public void GivenTheDefaultThresholdOnASmallCorpus_WhenScored_ThenItAgreesWithStide()
    {
        // Every training window has frequency >= 1/6, far above 0.001%.
        using var tstide = new TStideDetector("t", new TStideOptions { WindowLength = 3 }).Fit(Training, FitContext.Default);
        using var stide = new StideDetector("s", new StideOptions { WindowLength = 3 }).Fit(Training, FitContext.Default);
        var trace = T(1, 2, 3, 5, 1, 2, 3, 4);

        Assert.Equal(stide.Score(trace), tstide.Score(trace), TraceScoreComparer.Exact);
    }

    [Fact]
    public void GivenAFittedTStide_WhenSavedAndLoadedThroughTheRegistry_ThenScoresAreIdentical()
    {
        using var directory = new TempDirectory();
        using var tstide = FitTStide(threshold: 0.2);
        var trace = T(1, 2, 3, 4, 1, 5, 1, 2);

        using var loaded = RoundTrip(tstide, directory);

        Assert.Equal("tstide", loaded.Type);
        Assert.Equal(tstide.Score(trace), loaded.Score(trace), TraceScoreComparer.Exact);
    }
}
