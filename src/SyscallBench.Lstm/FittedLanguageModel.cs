using System.Text.Json;
using System.Text.Json.Serialization;
using SyscallBench.Core;
using SyscallBench.Core.Config;
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
/// What a fitted TorchSharp language-model detector (<c>lstm</c>, <c>transformer</c>) does whatever its
/// network: scores traces by surprisal in lanes, predicts the next call after a prefix, and saves its
/// weights, vocabulary, options and training summary to a folder that its type's loader reads back.
/// </summary>
public abstract class FittedLanguageModel : IFittedDetector, INextCallPredictor
{
    private protected const string WeightsFile = "model.bin";
    private protected const string VocabularyFile = "vocabulary.json";
    private protected const int FormatVersion = 1;

    private protected static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    // libtorch modules are not safe for concurrent forward passes through one TorchSharp module.
    private readonly Lock _gate = new();
    private readonly CallLanguageModel _model;
    private readonly ILanguageModelOptions _options;
    private readonly Device _device;
    private bool _disposed;

    private protected FittedLanguageModel(CallLanguageModel model, Vocabulary vocabulary, ILanguageModelOptions options,
        TrainingSummary summary, Device device)
    {
        _model = model;
        _options = options;
        _device = device;
        Vocabulary = vocabulary;
        Summary = summary;
    }

    public abstract string Type { get; }

    public Vocabulary Vocabulary { get; }

    public TrainingSummary Summary { get; }

    /// <summary>The config file beside the weights (<c>lstm.json</c>, <c>transformer.json</c>).</summary>
    private protected abstract string ConfigFile { get; }

    public TraceScore Score(Trace trace) => ScoreMany([trace])[0];

    /// <summary>Scores the traces in lanes of the score batch size, which is far faster than one by one.</summary>
    public IReadOnlyList<TraceScore> ScoreMany(IReadOnlyList<Trace> traces, CancellationToken cancellation = default)
    {
        var withRanks = _options.Score == LstmScore.TopkMissRate;
        var results = Run(traces.Select(t => Encode(t.Calls)).ToArray(), withRanks, cancellation);
        return results.Select(ToScore).ToArray();
    }

    /// <summary>Per-call surprisal -ln p(call_t | calls before t) of each trace (the position scores).</summary>
    public IReadOnlyList<float[]> Surprisal(IReadOnlyList<Trace> traces, CancellationToken cancellation = default) =>
        Run(traces.Select(t => Encode(t.Calls)).ToArray(), withRanks: false, cancellation).Select(r => r.Surprisal).ToArray();

    /// <summary>The k most probable next calls after <paramref name="prefix"/> (raw syscall numbers), most probable first.</summary>
    public IReadOnlyList<NextCallPrediction> PredictNext(IReadOnlyList<int> prefix, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        lock (_gate)
        using (TorchGate.Running(_options.Threads))
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var tokens = new long[prefix.Count + 1];
            tokens[0] = _model.StartToken;
            var encoded = Encode(prefix.ToArray());
            for (var i = 0; i < prefix.Count; i++)
            {
                tokens[i + 1] = encoded[i];
            }

            var probabilities = _model.LastLogits(torch.tensor(tokens, [1, tokens.Length], device: _device)).softmax(-1);
            var (values, indices) = probabilities.topk(Math.Min(k, _model.VocabularyCount));
            var p = values.cpu().data<float>().ToArray();
            var index = indices.cpu().data<long>().ToArray();
            return p.Select((probability, i) => new NextCallPrediction(Vocabulary.SyscallOf((int)index[i]), probability)).ToArray();
        }
    }

    /// <inheritdoc/>
    IReadOnlyList<NextCallProbability> INextCallPredictor.PredictNext(ReadOnlySpan<int> prefix, int topK) =>
        PredictNext(prefix.ToArray(), topK).Select(p => new NextCallProbability(p.Syscall, p.Probability)).ToArray();

    public void Save(string directory)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _model.save(Path.Combine(directory, WeightsFile));
        }

        File.WriteAllText(Path.Combine(directory, VocabularyFile), Vocabulary.ToJson());
        File.WriteAllText(Path.Combine(directory, ConfigFile), SerializeConfig());
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

        GC.SuppressFinalize(this);
    }

    /// <summary>The model's input tokens for raw syscall numbers.</summary>
    private protected abstract int[] Encode(ReadOnlySpan<int> calls);

    /// <summary>The config file's text: format version, options and training summary.</summary>
    private protected abstract string SerializeConfig();

    /// <summary>
    /// Reads a folder written by <see cref="Save"/>: checks that every file is there, reads the config with
    /// <paramref name="read"/> (format, options, summary), validates the options as the YAML's are, reads the
    /// vocabulary, then builds the network with <paramref name="create"/> under libtorch's seeded-work lock
    /// (building draws initial weights from its global generator) and loads the weights into it. Every
    /// problem names the file.
    /// </summary>
    private protected static TFitted Load<TOptions, TFitted>(string directory, string type, string configFile,
        Func<string, (int Format, TOptions? Options, TrainingSummary? Summary)> read,
        Func<Vocabulary, TOptions, CallLanguageModel> create,
        Func<CallLanguageModel, Vocabulary, TOptions, TrainingSummary, Device, TFitted> fitted)
        where TOptions : class, IOptions, ILanguageModelOptions
    {
        var configPath = Path.Combine(directory, configFile);
        foreach (var file in new[] { configFile, VocabularyFile, WeightsFile })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new SyscallBenchException($"{directory}: not a saved {type} detector (missing {file}).");
            }
        }

        (int Format, TOptions? Options, TrainingSummary? Summary) config;
        try
        {
            config = read(File.ReadAllText(configPath));
        }
        catch (JsonException e)
        {
            throw new SyscallBenchException($"{configPath}: unreadable {type} configuration: {e.Message}", e);
        }

        if (config.Format != FormatVersion)
        {
            throw new SyscallBenchException($"{configPath}: {type} model format {config.Format}, this version reads {FormatVersion}.");
        }

        if (config.Options is null || config.Summary is null)
        {
            throw new SyscallBenchException($"{configPath}: the {type} configuration lacks its options or training summary.");
        }

        OptionsBinder.ThrowIfInvalid(config.Options, configPath);
        var vocabularyPath = Path.Combine(directory, VocabularyFile);
        var vocabulary = Vocabulary.FromJson(File.ReadAllText(vocabularyPath), vocabularyPath);
        TorchRuntime.EnsureAvailable();
        var device = TorchRuntime.ResolveDevice(config.Options.Device);
        // A running pass, not a seeded one: creating the model draws initial weights from the generator, but
        // the saved weights replace them, and no seeded work (a fit, whose draws must not move) runs while a
        // running pass is held. So a run's seeds load while another seed scores, as they finish their fits.
        using (TorchGate.Running(config.Options.Threads))
        {
            var model = create(vocabulary, config.Options);
            try
            {
                model.load(Path.Combine(directory, WeightsFile));
                model.to(device);
                model.eval();
                return fitted(model, vocabulary, config.Options, config.Summary, device);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
    }

    private TraceSurprisal[] Run(int[][] encoded, bool withRanks, CancellationToken cancellation)
    {
        lock (_gate)
        using (TorchGate.Running(_options.Threads))
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return SurprisalScorer.Run(_model, encoded, _options.ScoreBatchSize, _options.ChunkLength, _device, withRanks, cancellation);
        }
    }

    private TraceScore ToScore(TraceSurprisal result)
    {
        var value = _options.Score switch
        {
            LstmScore.MeanNll => SurprisalAggregates.Mean<float>(result.Surprisal),
            LstmScore.MaxWindowNll => SurprisalAggregates.MaxWindowMean<float>(result.Surprisal, _options.WindowLength),
            LstmScore.TopkMissRate => SurprisalTraceScores.TopkMissRate(result.Ranks, _options.TopK),
            LstmScore.QuantileNll => SurprisalAggregates.Quantile<float>(result.Surprisal, _options.Quantile),
            LstmScore.LastNll => SurprisalAggregates.Last<float>(result.Surprisal),
            _ => throw new InvalidOperationException($"Unknown score {_options.Score}."),
        };
        return new TraceScore(value, Array.ConvertAll(result.Surprisal, s => (double)s));
    }
}
