using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Lstm.Tests;

public sealed class LstmInputEncodingTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-lstm-enc-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static LstmOptions Small(LstmInputEncoding encoding) => new()
    {
        InputEncoding = encoding, EmbeddingSize = 4, HiddenSize = 8, MaxEpochs = 2, Dropout = 0, ValidationFraction = 0,
        Device = LstmDevice.Cpu, Threads = 1,
    };

    private static readonly Trace[] Rules =
        [.. Enumerable.Range(1, 6).Select(k => Trace.Normal($"rule/{k}", [k, k, k, k + 1]))];

    [Theory]
    [InlineData(LstmInputEncoding.Embedding, true)]
    [InlineData(LstmInputEncoding.EmbeddingPlusValue, false)]
    public void GivenTwoSyscallsNeverSeenInTraining_WhenPredictingAfterEach_ThenOnlyTheValueEncodingTellsThemApart(
        LstmInputEncoding encoding, bool identical)
    {
        // Given: 20 and 40 both map to the unknown index
        using var fitted = new LstmDetector("enc", Small(encoding)).FitLstm(Rules, new FitContext(Seed: 5));
        INextCallPredictor predictor = fitted;

        // When
        var after20 = predictor.PredictNext([20, 20, 20], int.MaxValue).OrderBy(p => p.Syscall ?? -1).Select(p => p.Probability).ToArray();
        var after40 = predictor.PredictNext([40, 40, 40], int.MaxValue).OrderBy(p => p.Syscall ?? -1).Select(p => p.Probability).ToArray();

        // Then: one entry per vocabulary index (1..7 and the unknown bucket), a proper distribution
        Assert.Equal(8, after20.Length);
        Assert.Equal(1.0, after20.Sum(), 1e-5);
        Assert.Equal(identical, after20.SequenceEqual(after40));
    }

    [Fact]
    public void GivenTheValueEncoding_WhenSavedAndLoaded_ThenScoresAndPredictionsAreIdentical()
    {
        // Given
        using var fitted = new LstmDetector("enc", Small(LstmInputEncoding.EmbeddingPlusValue)).FitLstm(Rules, new FitContext(Seed: 5));
        var probe = new[] { Trace.Normal("p", [8, 8, 8, 9]), Trace.Normal("q", [3, 3, 3, 4]) };

        // When
        fitted.Save(_temp);
        using var loaded = FittedLstmDetector.Load(_temp);

        // Then
        Assert.Equal(LstmInputEncoding.EmbeddingPlusValue, loaded.Options.InputEncoding);
        Assert.Equal(fitted.ScoreMany(probe).Select(s => s.Value), loaded.ScoreMany(probe).Select(s => s.Value));
        Assert.Equal(fitted.PredictNext([8, 8, 8], 3), loaded.PredictNext([8, 8, 8], 3));
    }
}
