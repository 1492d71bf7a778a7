using SyscallBench.Lstm.Benchmarks;
using SyscallBench.Lstm.Tests.Support;
using SyscallBench.Lstm.Transformer;

namespace SyscallBench.Lstm.Tests.Transformer;

public sealed class TransformerBenchmarkTests
{
    [Fact]
    public void GivenToyTraces_WhenBenchmarked_ThenBothSidesReportThroughputOnTheSameCalls()
    {
        // Given
        var traces = CycleTraces.Normals(6);
        var options = new TransformerOptions { EmbeddingSize = 4, Heads = 2, Layers = 1, FeedForwardSize = 8, BatchSize = 2, ChunkLength = 8, ScoreBatchSize = 2, Threads = 1 };
        var lines = new List<string>();

        // When
        var result = TransformerBenchmark.Run(traces, traces, options, epochs: 1, repeats: 1, lines.Add);

        // Then
        var calls = traces.Sum(t => t.Length);
        Assert.Equal(calls, result.TrainCalls);
        Assert.Equal(calls, result.ScoreCalls);
        Assert.All(new[] { result.ReferenceTrainSyscallsPerSecond, result.DetectorTrainSyscallsPerSecond,
            result.ReferenceScoreSyscallsPerSecond, result.DetectorScoreSyscallsPerSecond }, rate => Assert.True(rate > 0));
        Assert.Equal(2, lines.Count);
    }
}
