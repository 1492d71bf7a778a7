using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Streaming;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Streaming;

public sealed class RecordingScorerTests
{
    /// <summary>Two streams interleaved: a (calls 1 2 1 2 1) at 0, 2, 4, 6, 8 s and b (calls 7 8 7) at 1, 3, 5 s.</summary>
    private static Trace Recording() =>
        Trace.Normal("rec", [1, 7, 2, 8, 1, 7, 2, 1]) with
        {
            Timeline = new TraceTimeline(["a", "b"], [0, 1, 0, 1, 0, 1, 0, 0], [0, 1, 2, 3, 4, 5, 6, 8]),
        };

    private static IFittedDetector Stide() =>
        new StideDetector("stide-2", new StideOptions { WindowLength = 2 }).Fit([Trace.Normal("t", [1, 2, 1, 2, 7, 8, 7, 8])], new FitContext(1));

    [Fact]
    public void GivenARecording_WhenScored_ThenEachStreamIsWindowedAloneAndTheWindowsAreInTheOrderTheyEnd()
    {
        // Given
        using var detector = Stide();

        // When: windows of 2 calls with 1 call of context
        var scored = RecordingScorer.Score([Recording()], new WindowScorer(detector), new WindowSpec(2, null, ContextCalls: 1), top: 1).Single();

        // Then: a's windows [1 2] [1 2] [1] end at 2, 6, 8 s and b's [7 8] [7] at 3, 5 s; stide-2 saw every pair in them.
        Assert.Equal([2.0, 3, 5, 6, 8], scored.Ends!);
        Assert.All(scored.Scores, s => Assert.Equal(0, s));
        Assert.Single(scored.Top);
    }

    [Fact]
    public void GivenARecordingWithAnUnseenPair_WhenScored_ThenOnlyTheWindowHoldingItScoresAndIsTheTopWindow()
    {
        // Given: stream a ends with 2 -> 8, never seen
        using var detector = Stide();
        var recording = Trace.Normal("rec", [1, 2, 8]) with { Timeline = new TraceTimeline(["a"], null, [0, 1, 2]) };

        // When
        var scored = RecordingScorer.Score([recording], new WindowScorer(detector), new WindowSpec(2, null, ContextCalls: 1), top: 2).Single();

        // Then: windows [1 2] and [8] (with 2 before it as context): only [8] ends an unseen pair; it is the top window
        Assert.Equal([0.0, 1], scored.Scores);
        Assert.Equal(1, scored.MaxScore);
        Assert.Equal([[8], [1, 2]], scored.Top.Select(w => w.Window.Calls));
    }

    [Fact]
    public void GivenARecording_WhenScoreCalibratesOnIt_ThenItCutsAndScoresTheSameWindowsAsTheRun()
    {
        // Given
        using var detector = Stide();
        var scorer = new WindowScorer(detector);
        var spec = new WindowSpec(2, null, ContextCalls: 1);

        // When
        var run = RecordingScorer.Score([Recording()], scorer, spec, top: 0).Single().Scores.Order().ToArray();
        var calibration = WindowCalibration.Compute("test", spec, scorer, [WindowCalibration.Replay(Recording())], WindowStream.DefaultMaxProcesses);

        // Then
        Assert.Equal(run, calibration.Scores);
        Assert.Equal(2, calibration.Traces);
    }
}
