using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Detection.NGram;

/// <summary>
/// A long trace costs stide and t-stide no array as long as the trace beyond the trace itself (issue #18: a 1 GB
/// trace of 333 million calls peaked at 18.9 GB): fitting and scoring its value allocate a few bytes per chunk, not
/// per call. Measured process-wide (scoring runs on pool threads), so in the heap-measurement collection.
/// </summary>
[Collection("Heap measurement")]
public sealed class LongTraceMemoryTests
{
    private const int Calls = 4_000_000;

    public static TheoryData<IDetector> Detectors() =>
    [
        new StideDetector("stide-3", new StideOptions { WindowLength = 3 }),
        new StideDetector("stide-lfc", new StideOptions { WindowLength = 6, Score = MismatchScore.MaxLfc }),
        new TStideDetector("tstide", new TStideOptions()),
    ];

    [Theory]
    [MemberData(nameof(Detectors))]
    public void GivenALongTrace_WhenFittedAndScoredForItsValue_ThenUnderABytePerCallIsAllocated_AndTheValueIsScoresValue(IDetector detector)
    {
        // Given a long training trace and a long test trace with calls never seen in training (mismatches)
        var random = new Random(18);
        var train = Trace.Normal("train", Enumerable.Range(0, Calls).Select(i => i % 7 == 0 ? random.Next(20) : i % 20).ToArray());
        var test = Trace.Normal("test", Enumerable.Range(0, Calls).Select(i => i % 1000 == 0 ? 99 : random.Next(20)).ToArray());
        using (var warmUp = detector.Fit([Trace.Normal("warm-up", [1, 2, 3, 4, 5, 6, 7])], FitContext.Default))
        {
            warmUp.ScoreValues([test]);
        }

        // When it is fitted, scores the test trace's value, and streams its positive position scores (for explanations)
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var fitted = detector.Fit([train], FitContext.Default);
        var fitAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        before = GC.GetTotalAllocatedBytes(precise: true);
        var value = fitted.ScoreValues([test])[0];
        var scoreAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var mismatches = 0;
        before = GC.GetTotalAllocatedBytes(precise: true);
        ((IPositiveScoreStream)fitted).PositivePositions(test, (_, _) => mismatches++);
        var explainAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Then none allocates an array per call (encoded ids were 4 bytes a call, mismatch flags 1, position
        // scores 8), the value is the one Score gives, and the streamed positions are its positive position scores
        Assert.True(fitAllocated < Calls, $"fitting allocated {fitAllocated / (double)Calls:0.00} bytes per call");
        Assert.True(scoreAllocated < Calls / 4, $"scoring allocated {scoreAllocated / (double)Calls:0.00} bytes per call");
        Assert.True(explainAllocated < Calls / 4, $"streaming the position scores allocated {explainAllocated / (double)Calls:0.00} bytes per call");
        var positions = fitted.Score(test).PositionScores!;
        Assert.Equal(fitted.Score(test).Value, value);
        Assert.Equal(positions.Count(p => p > 0), mismatches);
    }
}
