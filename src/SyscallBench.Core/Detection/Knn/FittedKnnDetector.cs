using SyscallBench.Core.Config;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.Knn;

/// <summary>
/// A fitted <see cref="KnnDetector"/>: the training traces' vectors in an inverted index. Saved as the
/// options and the training traces' calls, from which loading rebuilds the same index (and so the same
/// scores) without a second file format for it.
/// </summary>
public sealed class FittedKnnDetector : IFittedDetector
{
    private const string TracesFile = "traces.bin";

    private readonly KnnOptions _options;
    private readonly int[][] _training;
    private readonly KnnFeatures _features;
    private readonly NeighbourIndex _index;
    private volatile bool _disposed;

    private FittedKnnDetector(KnnOptions options, int[][] training, KnnFeatures features, NeighbourIndex index)
    {
        _options = options;
        _training = training;
        _features = features;
        _index = index;
    }

    public string Type => KnnDetector.TypeName;

    internal static FittedKnnDetector Build(KnnOptions options, int[][] training, CancellationToken cancellation)
    {
        var features = KnnFeatures.Fit(training, options.Representation, options.EffectiveNgramLength, cancellation);
        var vectors = training.Select(calls => features.Vector(calls)).ToArray();
        return new FittedKnnDetector(options, training, features, new NeighbourIndex(vectors, features.Count, options.Distance));
    }

    /// <summary>The distances to the k nearest training traces, ascending.</summary>
    public IReadOnlyList<double> NearestDistances(ReadOnlySpan<int> calls)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _index.Nearest(_features.Vector(calls), _options.K);
    }

    public TraceScore Score(Traces.Trace trace)
    {
        var nearest = NearestDistances(trace.Calls);
        var value = _options.Aggregate switch
        {
            KnnAggregate.Min => nearest[0],
            KnnAggregate.Mean => nearest.Average(),
            KnnAggregate.Max => nearest[^1],
            _ => throw new InvalidOperationException($"Unknown aggregate {_options.Aggregate}."),
        };
        return new TraceScore(value);
    }

    public void Save(string directory)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ModelFiles.WriteHeader(directory, new Header
        {
            Type = Type,
            Representation = _options.Representation,
            NgramLength = _options.NgramLength,
            Distance = _options.Distance,
            K = _options.K,
            Aggregate = _options.Aggregate,
        });
        TraceCallsFile.Write(Path.Combine(directory, TracesFile), _training);
    }

    public static FittedKnnDetector Load(string directory)
    {
        var headerPath = Path.Combine(directory, ModelFiles.HeaderFile);
        var header = ModelFiles.ReadHeader<Header>(directory, KnnDetector.TypeName, h => h.Type);
        var options = new KnnOptions
        {
            Representation = header.Representation,
            NgramLength = header.NgramLength,
            Distance = header.Distance,
            K = header.K,
            Aggregate = header.Aggregate,
        };
        OptionsBinder.ThrowIfInvalid(options, headerPath);
        var training = TraceCallsFile.Read(Path.Combine(directory, TracesFile), "the saved knn model's training traces");
        return Build(options, training, CancellationToken.None);
    }

    public void Dispose() => _disposed = true;

    private sealed class Header
    {
        public string Type { get; init; } = "";

        public KnnRepresentation Representation { get; init; }

        public int NgramLength { get; init; }

        public KnnDistance Distance { get; init; }

        public int K { get; init; }

        public KnnAggregate Aggregate { get; init; }
    }
}
