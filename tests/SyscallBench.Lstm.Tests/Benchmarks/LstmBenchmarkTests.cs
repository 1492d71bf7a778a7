using SyscallBench.Core.Benchmarking;
using SyscallBench.Lstm.Benchmarks;
using SyscallBench.Lstm.Tests.Support;

namespace SyscallBench.Lstm.Tests.Benchmarks;

public sealed class LstmBenchmarkTests
{
    [Fact]
    public void GivenToyTraces_WhenBenchmarked_ThenBothSidesReportThroughputOnTheSameCalls()
    {
        // Given
        var traces = CycleTraces.Normals(6);
        var options = new LstmOptions { EmbeddingSize = 4, HiddenSize = 4, BatchSize = 2, ChunkLength = 8, ScoreBatchSize = 2 };
        var lines = new List<string>();

        // When
        var result = LstmBenchmark.Run(traces, traces, options, epochs: 1, repeats: 1, lines.Add);

        // Then
        var calls = traces.Sum(t => t.Length);
        Assert.Equal(calls, result.TrainCalls);
        Assert.Equal(calls, result.ScoreCalls);
        Assert.All(new[] { result.ReferenceTrainSyscallsPerSecond, result.DetectorTrainSyscallsPerSecond,
            result.ReferenceScoreSyscallsPerSecond, result.DetectorScoreSyscallsPerSecond }, rate => Assert.True(rate > 0));
        Assert.Equal(2, lines.Count);
    }

    [Fact]
    public void GivenTheLstmType_WhenAskedForAReferenceLoop_ThenItsDescriptorOffersTheBareTorchSharpLoop()
    {
        // Given the registered type (what `bench --lstm-loop` sees; no caller names LstmOptions)
        var descriptor = Assert.Single(LstmDetectors.Descriptors, d => d.Type == LstmDetector.TypeName);

        // When
        var loop = descriptor.Capability<IReferenceLoopBenchmark>();
        var traces = CycleTraces.Normals(6);
        var result = loop!.Run(new LstmOptions { EmbeddingSize = 4, HiddenSize = 4, BatchSize = 2, ChunkLength = 8, ScoreBatchSize = 2 },
            new ReferenceLoopRequest(traces, traces, Seed: 1, Repeats: 1));

        // Then
        Assert.Equal("bare TorchSharp loop", loop.Reference);
        Assert.Equal(traces.Sum(t => t.Length), result.TrainCalls);
        Assert.True(result.TrainRatio > 0 && result.ScoreRatio > 0);
    }
}
