using SyscallBench.Core.Config;
using System.Text.Json;
using System.Text.Json.Serialization;
using SyscallBench.Core;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Model;
using SyscallBench.Lstm.Native;
using SyscallBench.Lstm.Scoring;
using SyscallBench.Lstm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SyscallBench.Lstm;

/// <summary>
/// A trained <c>lstm</c> detector: scores traces by surprisal, predicts the next call after a prefix,
/// and saves to / loads from a folder (weights, vocabulary, options and training summary).
/// </summary>
public sealed class FittedLstmDetector : IFittedDetector, INextCallPredictor
{
    private const string WeightsFile = "model.bin";
    private const string VocabularyFile = "vocabulary.json";
    private const string ConfigFile = "lstm.json";
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    // libtorch modules are not safe for concurrent forward passes through one TorchSharp module.
    private readonly Lock _gate = new();
    private readonly SyscallLanguageModel _model;
    private readonly Device _device;
    private bool _disposed;

    internal FittedLstmDetector(SyscallLanguageModel model, Vocabulary vocabulary, LstmOptions options,
        TrainingSummary summary, Device device)
    {
        _model = model;
        _device = device;
        Vocabulary = vocabulary;
        Options = options;
        Summary = summary;
    }

    public string Type => LstmDetector.TypeName;

    public Vocabulary Vocabulary { get; }

    public LstmOptions Options { get; }

    public TrainingSummary Summary { get; }

    public TraceScore Score(Trace trace) => ScoreMany([trace])[0];

    /// <summary>Scores the traces in lanes of <see cref="LstmOptions.ScoreBatchSize"/>, which is far faster than one by one.</summary>
    public IReadOnlyList<TraceScore> ScoreMany(IReadOnlyList<Trace> traces, CancellationToken cancellation = default)
    {
        var withRanks = Options.Score == LstmScore.TopkMissRate;
        var results = Run(traces.Select(t => InputTokens.Encode(Vocabulary, t.Calls, Options.InputEncoding)).ToArray(), withRanks, cancellation);
        return results.Select(ToScore).ToArray();
    }

    /// <summary>The k most probable next calls after <paramref name="prefix"/> (raw syscall numbers), most probable first.</summary>
    public IReadOnlyList<NextCallPrediction> PredictNext(IReadOnlyList<int> prefix, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        lock (_gate)
        lock (TorchRuntime.SeededWork)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            TorchRuntime.UseThreads(Options.Threads);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var tokens = new long[prefix.Count + 1];
            tokens[0] = _model.StartToken;
            var encoded = InputTokens.Encode(Vocabulary, prefix.ToArray(), Options.InputEncoding);
            for (var i = 0; i < prefix.Count; i++)
            {
                tokens[i + 1] = encoded[i];
            }

            var input = torch.tensor(tokens, [1, tokens.Length], device: _device);
            var (logits, _) = _model.Forward(input, null, []);
            var probabilities = logits[0, -1].softmax(-1);
            var (values, indices) = probabilities.topk(Math.Min(k, _model.VocabularyCount));
            var p = values.cpu().data<float>().ToArray();
            var index = indices.cpu().data<long>().ToArray();
            return p.Select((probability, i) => new NextCallPrediction(Vocabulary.SyscallOf((int)index[i]), probability)).ToArray();
        }
    }

    /// <inheritdoc/>
    IReadOnlyList<NextCallProbability> INextCallPredictor.PredictNext(ReadOnlySpan<int> prefix, int topK) =>
        PredictNext(prefix.ToArray(), topK).Select(p => new NextCallProbability(p.Syscall, p.Probability)).ToArray();

    /// <summary>Per-call surprisal -ln p(call_t | calls before t) of each trace (the position scores).</summary>
    public IReadOnlyList<float[]> Surprisal(IReadOnlyList<Trace> traces, CancellationToken cancellation = default) =>
        Run(traces.Select(t => InputTokens.Encode(Vocabulary, t.Calls, Options.InputEncoding)).ToArray(), withRanks: false, cancellation)
            .Select(r => r.Surprisal).ToArray();

    public void Save(string directory)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _model.save(Path.Combine(directory, WeightsFile));
        }

        File.WriteAllText(Path.Combine(directory, VocabularyFile), Vocabulary.ToJson());
        File.WriteAllText(Path.Combine(directory, ConfigFile),
            JsonSerializer.Serialize(new SavedConfig(FormatVersion, Options, Summary), Json));
    }

    /// <summary>Loads a folder written by <see cref="Save"/>; throws <see cref="LstmUnavailableException"/> without libtorch.</summary>
    public static FittedLstmDetector Load(string directory)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        foreach (var file in new[] { ConfigFile, VocabularyFile, WeightsFile })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new SyscallBenchException($"{directory}: not a saved lstm detector (missing {file}).");
            }
        }

        SavedConfig config;
        try
        {
            config = JsonSerializer.Deserialize<SavedConfig>(File.ReadAllText(configPath), Json)
                ?? throw new SyscallBenchException($"{configPath}: empty lstm configuration.");
        }
        catch (JsonException e)
        {
            throw new SyscallBenchException($"{configPath}: unreadable lstm configuration: {e.Message}", e);
        }

        if (config.Format != FormatVersion)
        {
            throw new SyscallBenchException($"{configPath}: lstm model format {config.Format}, this version reads {FormatVersion}.");
        }

        if (config.Options is null || config.Summary is null)
        {
            throw new SyscallBenchException($"{configPath}: the lstm configuration lacks its options or training summary.");
        }

        OptionsBinder.ThrowIfInvalid(config.Options, configPath);
        var vocabularyPath = Path.Combine(directory, VocabularyFile);
        var vocabulary = Vocabulary.FromJson(File.ReadAllText(vocabularyPath), vocabularyPath);
        TorchRuntime.EnsureAvailable();
        var device = TorchRuntime.ResolveDevice(config.Options.Device);

        // Building the modules draws their initial weights from libtorch's one global generator (then
        // overwritten by the file): without the lock, loading a model while another thread fits one took
        // numbers from the middle of that fit's seeded sequence and changed its dropout masks.
        lock (TorchRuntime.SeededWork)
        {
            var model = new SyscallLanguageModel(vocabulary.Count, config.Options, InputTokens.ValueScale(vocabulary));
            try
            {
                model.load(Path.Combine(directory, WeightsFile));
                model.to(device);
                model.eval();
                return new FittedLstmDetector(model, vocabulary, config.Options, config.Summary, device);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _model.Dispose();
        }
    }

    private TraceSurprisal[] Run(int[][] encoded, bool withRanks, CancellationToken cancellation)
    {
        lock (_gate)
        lock (TorchRuntime.SeededWork)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            TorchRuntime.UseThreads(Options.Threads);
            return SurprisalScorer.Run(_model, encoded, Options.ScoreBatchSize, Options.ChunkLength, _device, withRanks, cancellation);
        }
    }

    private TraceScore ToScore(TraceSurprisal result)
    {
        var value = Options.Score switch
        {
            LstmScore.MeanNll => SurprisalAggregates.Mean<float>(result.Surprisal),
            LstmScore.MaxWindowNll => SurprisalAggregates.MaxWindowMean<float>(result.Surprisal, Options.WindowLength),
            LstmScore.TopkMissRate => SurprisalTraceScores.TopkMissRate(result.Ranks, Options.TopK),
            _ => throw new InvalidOperationException($"Unknown score {Options.Score}."),
        };
        return new TraceScore(value, Array.ConvertAll(result.Surprisal, s => (double)s));
    }

    private sealed record SavedConfig(int Format, LstmOptions Options, TrainingSummary Summary);
}
