using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.NGram;

/// <summary>A fitted <see cref="NGramDetector"/>: the language model and how to aggregate surprisal.</summary>
public sealed class FittedNGramDetector : IFittedDetector, INextCallPredictor, ITrainingNGrams
{
    private const string CountsFile = "ngrams.bin";

    private readonly SurprisalScore _score;
    private readonly int _window;
    private readonly double _quantile;
    private volatile bool _disposed;

    internal FittedNGramDetector(NGramLanguageModel model, SurprisalScore score, int window, double quantile)
    {
        Model = model;
        _score = score;
        _window = window;
        _quantile = quantile;
    }

    public string Type => NGramDetector.TypeName;

    public NGramLanguageModel Model { get; }

    /// <summary>-ln p of every call given the n-1 calls before it (begin tokens before the first).</summary>
    public double[] Surprisals(ReadOnlySpan<int> calls)
    {
        var surprisals = new double[calls.Length];
        Model.Surprisals(Model.Pad(calls), surprisals);
        return surprisals;
    }

    public int NGramLength => Model.Settings.Order;

    public bool IsKnownSyscall(int syscall) => Model.Vocabulary.IsKnown(syscall);

    /// <summary>Whether the n-gram occurred in training away from a trace's start (begin padding aside).</summary>
    public bool WasSeenInTraining(ReadOnlySpan<int> syscalls)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(syscalls.Length, NGramLength, nameof(syscalls));
        return Model.HighestOrderCounts.CountOf(Model.Vocabulary.Encode(syscalls)) > 0;
    }

    /// <inheritdoc/>
    public IReadOnlyList<NextCallProbability> PredictNext(ReadOnlySpan<int> prefix, int topK)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return NGramNextCallPredictions.Predict(Model, prefix, topK);
    }

    public TraceScore Score(Trace trace)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var surprisals = Surprisals(trace.Calls);
        var value = _score switch
        {
            SurprisalScore.MeanSurprisal => SurprisalAggregates.Mean<double>(surprisals),
            SurprisalScore.MaxWindowSurprisal => SurprisalAggregates.MaxWindowMean<double>(surprisals, _window),
            SurprisalScore.QuantileSurprisal => SurprisalAggregates.Quantile<double>(surprisals, _quantile),
            SurprisalScore.LastSurprisal => SurprisalAggregates.Last<double>(surprisals),
            _ => throw new InvalidOperationException($"Unknown surprisal score {_score}."),
        };
        return new TraceScore(value, surprisals);
    }

    public void Save(string directory)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var settings = Model.Settings;
        ModelFiles.WriteHeader(directory, new Header
        {
            Type = Type,
            Order = settings.Order,
            Smoothing = settings.Smoothing,
            Discount = settings.Discount,
            K = settings.K,
            Score = _score,
            Window = _window,
            Quantile = _quantile,
            Vocabulary = [.. Model.Vocabulary.KnownSyscalls],
        });
        Model.HighestOrderCounts.Save(Path.Combine(directory, CountsFile));
    }

    public static FittedNGramDetector Load(string directory)
    {
        var header = ModelFiles.ReadHeader<Header>(directory, NGramDetector.TypeName, h => h.Type);
        var options = new NGramOptions
        {
            Order = header.Order,
            Smoothing = header.Smoothing,
            Discount = header.Discount,
            K = header.K,
            Score = header.Score,
            Window = header.Window,
            Quantile = header.Quantile,
        };
        OptionsBinder.ThrowIfInvalid(options, Path.Combine(directory, ModelFiles.HeaderFile));
        var countsPath = Path.Combine(directory, CountsFile);
        var counts = WindowCounts.Load(countsPath);
        if (counts.Width != header.Order)
        {
            throw new SyscallBenchException($"{countsPath}: holds {counts.Width}-grams, but the header says order {header.Order}.");
        }

        var model = NGramLanguageModel.FromCounts(Vocabulary.FromSyscalls(header.Vocabulary), options.ToSettings(), counts);
        return new FittedNGramDetector(model, header.Score, header.Window, header.Quantile);
    }

    public void Dispose() => _disposed = true;

    private sealed class Header
    {
        public string Type { get; init; } = "";

        public int Order { get; init; }

        public NGramSmoothing Smoothing { get; init; }

        public double Discount { get; init; }

        public double K { get; init; }

        public SurprisalScore Score { get; init; }

        public int Window { get; init; }

        /// <summary>Absent from models saved before quantile_surprisal existed: the option's default.</summary>
        public double Quantile { get; init; } = new NGramOptions().Quantile;

        public int[] Vocabulary { get; init; } = [];
    }
}
