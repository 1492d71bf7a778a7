using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Streaming;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Streaming;

public sealed class StreamScorerTests
{
    // stide-3 learns the windows of the cycle 1 2 3 4: 123, 234, 341, 412.
    private static IFittedDetector Stide3() =>
        new StideDetector("stide-3", new StideOptions { WindowLength = 3 }).Fit([Trace.Normal("train", [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4])], FitContext.Default);

    private sealed class Collect : IScoreSink
    {
        public List<WindowResult> Windows { get; } = [];

        public List<TraceResult> Traces { get; } = [];

        public void Window(WindowResult result) => Windows.Add(result);

        public void TraceEnd(TraceResult result) => Traces.Add(result);
    }

    [Fact]
    public void GivenStideWithContext_WhenAWindowIsScored_ThenItsScoreIsTheMismatchRateOfTheWindowsEndingInIt()
    {
        // Given windows of 4 calls, 2 calls of context: the second window 1 9 3 4 follows ... 3 4
        using var stide = Stide3();
        var scorer = new WindowScorer(stide);
        var windows = new WindowStream(new WindowSpec(4, null, ContextCalls: 2));
        var items = new List<StreamItem>();
        foreach (var call in new[] { 1, 2, 3, 4, 1, 9, 3, 4 })
        {
            windows.Push(ProcessEvent.Call("p", null, call), items);
        }

        // When scored
        var scored = scorer.Score(items.OfType<CallWindow>().ToArray());

        // Then window 1: stide's position scores on 3 4 | 1 9 3 4 are 0 0 | 0 1 1 1 (341 seen; 419, 193, 934 not)
        Assert.Equal(0.0, scored[0].Score);
        Assert.Equal([0.0, 1, 1, 1], scored[1].PositionScores!);
        Assert.Equal(0.75, scored[1].Score);
    }

    [Fact]
    public void GivenAThreshold_WhenWindowsScoreAboveAndAtIt_ThenOnlyStrictlyAboveAlertsWithTheUnseenCallsAndNGrams()
    {
        // Given a threshold of 0.25 (a window scoring exactly 0.25 must not alert)
        using var stide = Stide3();
        var sink = new Collect();
        var threshold = new Core.Probes.Generalization.TrainingThreshold(0.01, 0.25, 0.0);
        var scorer = new StreamScorer(new WindowStream(new WindowSpec(4, null, ContextCalls: 2)), new WindowScorer(stide),
            new WindowExplainer(stide, topPositions: 2), threshold, sink);

        // When a process makes the windows 1 2 3 4 | 1 2 3 1 | 2 7 3 4 and exits
        foreach (var call in new[] { 1, 2, 3, 4, 1, 2, 3, 1, 2, 7, 3, 4 })
        {
            scorer.Push(ProcessEvent.Call("p", null, call));
        }

        scorer.Push(ProcessEvent.Exit("p", null));
        scorer.Flush();

        // Then window 1 (3 4 | 1 2 3 1: only 231 unseen, 1 of 4) scores exactly 0.25 and does not alert;
        // window 2 (3 1 | 2 7 3 4: 312, 127, 273, 734 all unseen) scores 1 and alerts
        Assert.Equal([0.0, 0.25, 1.0], sink.Windows.Select(w => w.Scored.Score));
        Assert.Equal([false, false, true], sink.Windows.Select(w => w.IsAlert));
        Assert.Null(sink.Windows[1].Explanation);
        var explanation = sink.Windows[2].Explanation!;
        Assert.Equal([7], explanation.UnseenSyscalls!);
        Assert.Equal(4, explanation.UnseenNGramCount);
        Assert.Equal([[3, 1, 2], [1, 2, 7], [2, 7, 3], [7, 3, 4]], explanation.UnseenNGrams!);

        // And the top positions are positions in the process (8, 9: the first two unseen windows' ends), with their calls
        var top = explanation.TopPositions!;
        Assert.Equal([8, 9], top.Select(p => p.Position));
        Assert.Equal(7, top[1].Context[9 - top[1].ContextStart]);

        // And the process's trace result counts its alert and gives stide's whole-trace score (5 of 10 windows unseen)
        var trace = Assert.Single(sink.Traces);
        Assert.Equal((1L, 1.0, 3), (trace.Alerts, trace.MaxWindowScore, trace.Timeline.Count));
        Assert.Equal(0.5, trace.TraceScore);
    }

    [Fact]
    public void GivenNormalTraces_WhenCalibrated_ThenTheThresholdFollowsTheOperatingPointRuleOnWindowScores()
    {
        // Given 20 normal traces of 4 windows each; one window in the whole set has an unseen call
        using var stide = Stide3();
        var traces = Enumerable.Range(0, 20)
            .Select(i => Trace.Normal($"n{i}", i == 7 ? [1, 2, 3, 4, 1, 2, 3, 4, 1, 9, 3, 4, 1, 2, 3, 4] : [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]))
            .ToArray();

        // When calibrated with windows of 4 calls
        var calibration = WindowCalibration.Compute("test", new WindowSpec(4, null, ContextCalls: 2), new WindowScorer(stide),
            traces.Select(WindowCalibration.Replay), WindowStream.DefaultMaxProcesses);

        // Then 80 window scores; at 5% false alarms the threshold is 0 (1 of 80 windows above it), at 1% it is that window's score
        Assert.Equal((20, 320L, 80), (calibration.Traces, calibration.Calls, calibration.Scores.Length));
        var at5 = calibration.ThresholdAt(0.05);
        Assert.Equal((0.0, 1 / 80.0), (at5.Value, at5.AchievedFalseAlarmRate));
        Assert.Equal(0.75, calibration.ThresholdAt(0.01).Value);
        Assert.Equal(0.0, calibration.ThresholdAt(0.01).AchievedFalseAlarmRate);

        // And the cache gives it back unchanged
        var back = WindowCalibration.TryFromJson(calibration.ToJson())!;
        Assert.Equal(calibration.Scores, back.Scores);
        Assert.Equal((calibration.Source, calibration.Window), (back.Source, back.Window));
    }
}
