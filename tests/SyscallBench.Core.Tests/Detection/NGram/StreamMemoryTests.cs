using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;

namespace SyscallBench.Core.Tests.Detection.NGram;

/// <summary>Measures the process-wide managed heap, so nothing else may run at the same time.</summary>
[CollectionDefinition("Heap measurement", DisableParallelization = true)]
public sealed class HeapMeasurementCollection;

/// <summary>
/// Scoring a stream keeps memory bounded by the model: what a fitted n-gram detector keeps alive does not
/// grow with the number of calls it has scored, and each call costs a fixed few bytes of short-lived
/// per-trace arrays (no per-window allocation).
/// </summary>
[Collection("Heap measurement")]
public sealed class StreamMemoryTests
{
    public static TheoryData<IDetector> Detectors() =>
    [
        new StideDetector("stide", new StideOptions()),
        new TStideDetector("tstide", new TStideOptions()),
        new NGramDetector("ngram", new NGramOptions()),
        new NGramDetector("ngram-5-wb", new NGramOptions { Order = 5, Smoothing = NGramSmoothing.WittenBell }),
    ];

    [Theory]
    [MemberData(nameof(Detectors))]
    public void GivenAFittedDetector_WhenItScoresALongStream_ThenTheLiveHeapDoesNotGrowAndEachCallAllocatesAFewBytes(IDetector detector)
    {
        // Given: a fitted detector that has already scored the test set once (any lazily filled state is filled)
        var data = SyntheticDataset.Generate(new SyntheticOptions { Seed = 3 });
        using var fitted = detector.Fit(data.Train, FitContext.Default);
        ScoreAll(fitted, data.Test);
        var liveBefore = GC.GetTotalMemory(forceFullCollection: true);

        // When: it scores a stream 20 times the test set, keeping nothing
        const int passes = 20;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var pass = 0; pass < passes; pass++)
        {
            ScoreAll(fitted, data.Test);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var liveAfter = GC.GetTotalMemory(forceFullCollection: true);

        // Then: what stays alive grows by less than the stream's per-position scores (8 bytes a call, about
        // 15 MB) or even its trace scores would; the 2 MB slack is the test runner's own heap traffic.
        var calls = passes * data.Test.Sum(t => (long)t.Length);
        Assert.True(calls * 8 > 10_000_000, $"the stream is too short to show anything ({calls} calls)");
        Assert.True(liveAfter - liveBefore < 2 * 1024 * 1024, $"live heap grew by {liveAfter - liveBefore} bytes over {calls} scored calls");
        Assert.True(allocated / (double)calls < 32, $"{allocated / (double)calls:0.0} bytes allocated per scored call");
    }

    private static void ScoreAll(IFittedDetector fitted, IReadOnlyList<Core.Traces.Trace> traces)
    {
        foreach (var trace in traces)
        {
            Assert.True(double.IsFinite(fitted.Score(trace).Value));
        }
    }
}
