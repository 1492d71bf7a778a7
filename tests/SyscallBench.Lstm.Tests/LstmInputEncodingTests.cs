using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Model;
using SyscallBench.Lstm.Native;
using TorchSharp;

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
    [InlineData(LstmInputEncoding.EmbeddingPlusValueAndDelta, false)]
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

    [Theory]
    [InlineData(LstmInputEncoding.EmbeddingPlusValue)]
    [InlineData(LstmInputEncoding.EmbeddingPlusValueAndDelta)]
    public void GivenAValueEncoding_WhenScoredInChunksOfTwoInsteadOfOne_ThenTheSurprisalsAgree(LstmInputEncoding encoding)
    {
        // Given: a model saved, then loaded again with chunk_length 2, so every other call starts a chunk
        using var fitted = new LstmDetector("enc", Small(encoding)).FitLstm(Rules, new FitContext(Seed: 5));
        fitted.Save(_temp);
        var config = Path.Combine(_temp, "lstm.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"ChunkLength\": 100", "\"ChunkLength\": 2"));
        using var chunked = FittedLstmDetector.Load(_temp);
        var probe = new[] { Trace.Normal("p", [3, 3, 3, 4, 8, 8, 8, 9, 1, 5]) };

        // When
        var whole = fitted.Surprisal(probe)[0];
        var pieces = chunked.Surprisal(probe)[0];

        // Then: the difference to the previous call crosses chunk boundaries with the state
        Assert.Equal(2, chunked.Options.ChunkLength);
        for (var i = 0; i < whole.Length; i++)
        {
            Assert.Equal(whole[i], pieces[i], 4);
        }
    }

    [Fact]
    public void GivenTheDeltaEncoding_WhenEmbeddingStartThreeThreeFour_ThenTheLastTwoFeaturesAreValueAndDifference()
    {
        // Given: vocabulary indices 1 (syscall 3) and 2 (syscall 4), start token 5, values unscaled
        TorchRuntime.EnsureAvailable();
        using var model = new SyscallLanguageModel(5, new LstmOptions { InputEncoding = LstmInputEncoding.EmbeddingPlusValueAndDelta, EmbeddingSize = 2, Dropout = 0 }, valueScale: 1);
        using var tokens = torch.tensor(new long[] { 5, InputTokens.Pack(1, 3), InputTokens.Pack(1, 3), InputTokens.Pack(2, 4) }, [1, 4]);
        using var next = torch.tensor(new long[] { InputTokens.Pack(1, 3) }, [1, 1]);

        // When: the chunk, then a one-call chunk that carries on from it
        var (features, last) = model.EmbedWithValue(tokens, null);
        var (nextFeatures, _) = model.EmbedWithValue(next, last);

        // Then: [.., value, delta] per position; the start token is 0 with delta 0, the first call's delta is its value
        Assert.Equal([1L, 4L, 4L], features.shape);
        Assert.Equal([0f, 3f, 3f, 4f], features[0, .., 2].data<float>().ToArray());
        Assert.Equal([0f, 3f, 0f, 1f], features[0, .., 3].data<float>().ToArray());
        Assert.Equal(-1f, nextFeatures[0, 0, 3].item<float>());
    }
}
