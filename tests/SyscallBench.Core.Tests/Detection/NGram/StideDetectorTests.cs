using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.TestSupport;
using static SyscallBench.Core.Tests.Detection.DetectionFixtures;

namespace SyscallBench.Core.Tests.Detection.NGram;

public class StideDetectorTests
{
    // Windows of length 3: {1 2 3} x2, {2 3 4} x2, {3 4 1} x1, {4 1 2} x1 (6 in all).
    private static readonly IReadOnlyList<Core.Traces.Trace> Training = Corpus([1, 2, 3, 4, 1, 2, 3, 4]);

    private static IFittedDetector FitStide(int k = 3, MismatchScore score = MismatchScore.MismatchRate, int frame = 20,
        IReadOnlyList<Core.Traces.Trace>? training = null) =>
        new StideDetector("stide-test", new StideOptions { WindowLength = k, Score = score, LocalityFrame = frame })
            .Fit(training ?? Training, FitContext.Default);

    [Fact]
    public void GivenATraceWithAnUnseenCall_WhenScoredByMismatchRate_ThenTheRateCountsEveryWindowThatHoldsIt()
    {
        // Given: windows 123 ok, 235 no, 351 no, 512 no, 123 ok, 234 ok (5 was never seen)
        using var stide = FitStide();

        // When
        var score = stide.Score(T(1, 2, 3, 5, 1, 2, 3, 4));

        // Then
        Assert.Equal(3.0 / 6.0, score.Value);
    }

    [Fact]
    public void GivenMismatchingWindows_WhenScored_ThenEachMarksThePositionOfItsLastCall()
    {
        using var stide = FitStide();

        var score = stide.Score(T(1, 2, 3, 5, 1, 2, 3, 4));

        // Windows 1..3 (ending at calls 3, 4, 5) mismatch; the first k-1 positions end no window.
        Assert.Equal([0, 0, 0, 1, 1, 1, 0, 0], score.PositionScores!);
    }

    [Fact]
    public void GivenATrainingTrace_WhenScored_ThenItHasNoMismatch()
    {
        using var stide = FitStide();

        Assert.Equal(0.0, stide.Score(T(1, 2, 3, 4, 1, 2, 3, 4)).Value);
        Assert.Equal(0.0, stide.Score(T(3, 4, 1, 2)).Value);
    }

    [Theory]
    [InlineData(3, 3.0 / 3.0)]
    [InlineData(5, 3.0 / 5.0)]
    [InlineData(20, 4.0 / 20.0)]
    public void GivenABurstOfMismatches_WhenScoredByMaxLfc_ThenTheDensestFrameCountsDividedByTheFrame(int frame, double expected)
    {
        // Given: 14 windows; mismatches at windows 4, 5, 6 (the 9) and 13 (the last 9):
        //        123 234 341 412 | 129 294 941 | 412 123 234 341 412 123 | 239
        using var stide = FitStide(score: MismatchScore.MaxLfc, frame: frame);
        var trace = T(1, 2, 3, 4, 1, 2, 9, 4, 1, 2, 3, 4, 1, 2, 3, 9);

        // When
        var score = stide.Score(trace);

        // Then: frames of 3 and 5 catch the burst of 3; a frame longer than the trace holds all 4
        Assert.Equal(expected, score.Value);
    }

    [Fact]
    public void GivenTheSameBurst_WhenScoredByMismatchRate_ThenItIsDilutedOverTheWholeTrace()
    {
        using var stide = FitStide();

        var score = stide.Score(T(1, 2, 3, 4, 1, 2, 9, 4, 1, 2, 3, 4, 1, 2, 3, 9));

        Assert.Equal(4.0 / 14.0, score.Value);
    }

    [Fact]
    public void GivenATrainingTraceShorterThanK_WhenTheSameShortTraceIsScored_ThenItMatchesAsOneWindow()
    {
        // Given: [7 8] is one (padded) window in training
        using var stide = FitStide(training: Corpus([1, 2, 3, 4, 1, 2, 3, 4], [7, 8]));

        // Then: only the identical short trace matches; a prefix of a long trace is not a window
        Assert.Equal(0.0, stide.Score(T(7, 8)).Value);
        var reversed = stide.Score(T(8, 7));
        Assert.Equal(1.0, reversed.Value);
        Assert.Equal([0, 1], reversed.PositionScores!);
        Assert.Equal(1.0, stide.Score(T(1, 2)).Value);
    }

    [Fact]
    public void GivenAnEmptyTrace_WhenScored_ThenItIsOneUnseenWindowWithNoPositions()
    {
        using var stide = FitStide();

        var score = stide.Score(T());

        Assert.Equal(1.0, score.Value);
        Assert.Empty(score.PositionScores!);
    }

    [Theory]
    [InlineData(MismatchScore.MismatchRate)]
    [InlineData(MismatchScore.MaxLfc)]
    public void GivenAFittedStide_WhenSavedAndLoadedThroughTheRegistry_ThenScoresAreIdentical(MismatchScore scoreKind)
    {
        using var directory = new TempDirectory();
        using var stide = FitStide(score: scoreKind, frame: 4);
        var tests = new[] { T(1, 2, 3, 5, 1, 2, 3, 4), T(1, 2, 3, 4, 1, 2, 9, 4, 1, 2, 3, 4, 1, 2, 3, 9), T(7), T() };

        using var loaded = RoundTrip(stide, directory);

        Assert.Equal("stide", loaded.Type);
        foreach (var trace in tests)
        {
            Assert.Equal(stide.Score(trace), loaded.Score(trace), TraceScoreComparer.Exact);
        }
    }

    [Fact]
    public void GivenASavedStide_WhenLoadedAsTStide_ThenTheTypeMismatchIsReported()
    {
        using var directory = new TempDirectory();
        using var stide = FitStide();
        stide.Save(directory.Path);

        var error = Assert.Throws<SyscallBenchException>(() => TStideDetector.Load(directory.Path));

        Assert.Contains("saved by detector type 'stide', not 'tstide'", error.Message);
    }

    [Fact]
    public void GivenNoTrainingTraces_WhenFitted_ThenTheUserIsTold()
    {
        var detector = new StideDetector("s", new StideOptions());

        var error = Assert.Throws<SyscallBenchException>(() => detector.Fit([], FitContext.Default));

        Assert.Contains("no normal traces", error.Message);
    }

    [Fact]
    public void GivenADisposedModel_WhenScored_ThenItRefusesAndDisposingAgainIsHarmless()
    {
        var stide = FitStide();
        stide.Dispose();
        stide.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stide.Score(T(1, 2, 3)));
    }
}
