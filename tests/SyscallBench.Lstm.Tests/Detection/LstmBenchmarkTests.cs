using SyscallBench.Lstm.Benchmarks;
using SyscallBench.Lstm.Tests.Support;

namespace SyscallBench.Lstm.Tests.Detection;

public sealed class LstmBenchmarkTests
{
    [Fact]
    public void GivenToyTraces_WhenBenchmarked_ThenBothSidesReportThroughputOnTheSameCalls()
    {
        // Given
        var traces = ToyTraces.Normals(6);
        var options = new LstmOptions { EmbeddingSize = 4, HiddenSize = 4, BatchSize = 2, ChunkLength = 8, ScoreBatchSize = 2 };
        var lines = new List<string>();

        // When
        var result = LstmBenchmark.Run(traces, traces, options, epochs: 1, repeats: 1, lines.Add);

        // Then
        var calls = traces.Sum(t => t.Length);
        Assert.Equal(calls, result.TrainCalls);
        Assert.Equal(calls, result.ScoreCalls);
        Assert.All(new[] { result.BareTrainSyscallsPerSecond, result.DetectorTrainSyscallsPerSecond,
            result.BareScoreSyscallsPerSecond, result.DetectorScoreSyscallsPerSecond }, rate => Assert.True(rate > 0));
        Assert.Equal(2, lines.Count);
    }
}
