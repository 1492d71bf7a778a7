using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.NGram;

/// <summary>A fitted <see cref="NGramDetector"/>: the language model and how to aggregate surprisal.</summary>
public sealed class FittedNGramDetector : IFittedDetector, INextCallPredictor
{
    private const string CountsFile = "ngrams.bin";

    private readonly SurprisalScore _score;
    private readonly int _window;
    private volatile bool _disposed;

    internal FittedNGramDetector(NGramLanguageModel model, SurprisalScore score, int window)
    {
        Model = model;
        _score = score;
        _window = window;
    }

    public string Type => NGramDetector.TypeName;

    public NGramLanguageModel Model { get; }

    /// <summary>-ln p of every call given the n-1 calls before it (begin tokens before the first).</summary>
    public double[] Surprisals(ReadOnlySpan<int> calls)
    {
        var n = Model.Settings.Order;
        var padded = Model.Pad(calls);
        var surprisals = new double[calls.Length];
        for (var t = 0; t < calls.Length; t++)
        {
            surprisals[t] = -Math.Log(Model.ProbabilityOfLast(padded.AsSpan(t, n)));
        }

        return surprisals;
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
            SurprisalScore.MeanSurprisal => Mean(surprisals),
            SurprisalScore.MaxWindowSurprisal => MaxWindowMean(surprisals, _window),
            _ => throw new InvalidOperationException($"Unknown surprisal score {_score}."),
        };
        return new TraceScore(value, surprisals);
    }

    /// <summary>The mean of <paramref name="values"/>; 0 when empty (an empty trace surprises nobody).</summary>
    internal static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    /// <summary>
    /// The largest mean over windows of <paramref name="window"/> consecutive values; fewer values than
    /// that are one window. Each window is summed afresh (no running sum) so the result does not drift.
    /// </summary>
    internal static double MaxWindowMean(ReadOnlySpan<double> values, int window)
    {
        if (values.Length <= window)
        {
            return Mean(values);
        }

        var max = double.NegativeInfinity;
        for (var j = 0; j + window <= values.Length; j++)
        {
            max = Math.Max(max, Mean(values.Slice(j, window)));
        }

        return max;
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
        };
        ModelFiles.ThrowIfInvalid(options, Path.Combine(directory, ModelFiles.HeaderFile));
        var countsPath = Path.Combine(directory, CountsFile);
        var counts = WindowCounts.Load(countsPath);
        if (counts.Width != header.Order)
        {
            throw new SyscallBenchException($"{countsPath}: holds {counts.Width}-grams, but the header says order {header.Order}.");
        }

        var model = NGramLanguageModel.FromCounts(Vocabulary.FromSyscalls(header.Vocabulary), options.ToSettings(), counts);
        return new FittedNGramDetector(model, header.Score, header.Window);
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

        public int[] Vocabulary { get; init; } = [];
    }
}
