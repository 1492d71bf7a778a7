using SyscallBench.Core;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Tests.Support;
using SyscallBench.Lstm.Transformer;

namespace SyscallBench.Lstm.Tests.Transformer;

/// <summary>One tiny transformer fitted on the toy traces, shared by the tests that only read it.</summary>
public sealed class ToyTransformerFixture : IDisposable
{
    public ToyTransformerFixture() =>
        Detector = new TransformerDetector("toy", TinyOptions()).FitTransformer(CycleTraces.Normals(), new FitContext(Seed: 11));

    public FittedTransformerDetector Detector { get; }

    /// <summary>Chunks of 8 calls, so the toy traces (30 to 69 calls) span several chunks.</summary>
    public static TransformerOptions TinyOptions(LstmScore score = LstmScore.MeanNll) => new()
    {
        EmbeddingSize = 16,
        Heads = 2,
        Layers = 1,
        FeedForwardSize = 32,
        Dropout = 0,
        BatchSize = 8,
        ChunkLength = 8,
        LearningRate = 0.01,
        MaxEpochs = 15,
        Patience = 3,
        ValidationFraction = 0.2,
        Score = score,
        ScoreBatchSize = 16,
        Device = LstmDevice.Cpu,
        Threads = 1,
    };

    public void Dispose() => Detector.Dispose();
}

public sealed class TransformerDetectorTests(ToyTransformerFixture toy) : IClassFixture<ToyTransformerFixture>
{
    [Fact]
    public void GivenToyNormals_WhenFitted_ThenTrainingAndValidationLossDecrease()
    {
        var epochs = toy.Detector.Summary.Epochs;

        Assert.True(epochs.Count >= 2);
        Assert.True(epochs[^1].TrainLoss < epochs[0].TrainLoss / 2, $"train loss {epochs[0].TrainLoss} -> {epochs[^1].TrainLoss}");
        Assert.True(toy.Detector.Summary.BestValidationLoss < epochs[0].ValidationLoss);
    }

    [Fact]
    public void GivenTheDeterministicCycle_WhenPredictingAfterAPrefix_ThenTheNextCallIsNearlyCertain()
    {
        // Given: "open read read" is always followed by write (4)
        var predictions = toy.Detector.PredictNext([5, 3, 3], k: 3);

        Assert.Equal(4, predictions[0].Syscall);
        Assert.True(predictions[0].Probability > 0.9, $"p(write) = {predictions[0].Probability}");
    }

    [Fact]
    public void GivenAPrefixLongerThanTwoChunks_WhenPredicted_ThenTheProbabilityIsTheOneScoringGivesTheNextCall()
    {
        // Given: 37 calls (chunks of 8: the last call is read with a carried chunk), then the call after them
        var trace = CycleTraces.Normals(3)[2]; // 44 calls
        var prefix = trace.Calls[..37];
        var next = trace.Calls[37];

        // When
        var predicted = toy.Detector.PredictNext(prefix, k: int.MaxValue).Single(p => p.Syscall == next).Probability;
        var scored = toy.Detector.Surprisal([Trace.Normal("prefix", trace.Calls[..38])])[0][37];

        // Then: both read the trace chunk by chunk from its start
        Assert.Equal(Math.Exp(-scored), predicted, 5);
    }

    [Fact]
    public void GivenAPlantedAnomaly_WhenScored_ThenItOutscoresEveryNormalAndThePositionsPointAtIt()
    {
        var normals = CycleTraces.Normals(6);
        var attack = CycleTraces.Anomalous();

        var scores = toy.Detector.ScoreMany([.. normals, attack]);

        Assert.All(scores.Take(normals.Count), s => Assert.True(s.Value < scores[^1].Value));
        var positions = scores[^1].PositionScores!;
        Assert.InRange(Array.IndexOf(positions, positions.Max()), 20, 24);
    }

    [Fact]
    public void GivenTracesScoredTogether_WhenScoredOneByOne_ThenTheScoresAreIdentical()
    {
        // Given: traces of different lengths, so batches mix traces that end in different chunks
        var traces = CycleTraces.Normals(9).Append(CycleTraces.Anomalous()).ToArray();

        var together = toy.Detector.ScoreMany(traces);
        var alone = traces.Select(toy.Detector.Score).ToArray();

        Assert.Equal(alone.Select(s => s.Value), together.Select(s => s.Value));
    }

    [Fact]
    public void GivenASavedModel_WhenItsOptionsWereAltered_ThenLoadingNamesTheFileAndTheOption()
    {
        var directory = Directory.CreateTempSubdirectory("syscallbench-transformer-").FullName;
        try
        {
            DetectorRegistry.Save(toy.Detector, directory);
            var config = Path.Combine(directory, "transformer.json");
            File.WriteAllText(config, File.ReadAllText(config).Replace("\"Heads\": 2", "\"Heads\": 3"));

            var error = Assert.Throws<SyscallBenchException>(() => FittedTransformerDetector.Load(directory));

            Assert.Contains(config, error.Message, StringComparison.Ordinal);
            Assert.Contains("embedding_size must be a multiple of heads", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
