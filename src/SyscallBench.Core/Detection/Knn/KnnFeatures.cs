using SyscallBench.Core.Detection.NGram;

namespace SyscallBench.Core.Detection.Knn;

/// <summary>
/// Turns traces into <see cref="TraceVector"/>s: the training n-grams are interned once (their dense
/// index is the feature), with each one's document frequency for tf-idf.
/// </summary>
/// <remarks>
/// n-grams are of raw syscall numbers, slid by one call; a trace shorter than n is one n-gram padded with
/// a marker no syscall has, as stide does (<see cref="SlidingWindows"/>), so the empty trace is one n-gram
/// too and every trace has a non-empty vector.
/// </remarks>
internal sealed class KnnFeatures
{
    private readonly WindowIndex _grams;
    private readonly int[] _documentFrequency;
    private readonly KnnRepresentation _representation;
    private readonly int _trainingTraces;

    private KnnFeatures(WindowIndex grams, int[] documentFrequency, KnnRepresentation representation, int trainingTraces)
    {
        _grams = grams;
        _documentFrequency = documentFrequency;
        _representation = representation;
        _trainingTraces = trainingTraces;
    }

    /// <summary>Number of distinct training n-grams.</summary>
    public int Count => _grams.Count;

    public static KnnFeatures Fit(IReadOnlyList<int[]> traces, KnnRepresentation representation, int n, CancellationToken cancellation)
    {
        var grams = new WindowIndex(n, 1024);
        var documentFrequency = new List<int>();
        var lastTrace = new List<int>();
        var buffer = new int[n];
        for (var t = 0; t < traces.Count; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            for (var cursor = SlidingWindows.Of(traces[t], n, buffer); cursor.MoveNext();)
            {
                var index = grams.GetOrAddHashed(cursor.Window, cursor.Hash);
                if (index == documentFrequency.Count)
                {
                    documentFrequency.Add(0);
                    lastTrace.Add(-1);
                }

                if (lastTrace[index] != t)
                {
                    lastTrace[index] = t;
                    documentFrequency[index]++;
                }
            }
        }

        return new KnnFeatures(grams, [.. documentFrequency], representation, traces.Count);
    }

    /// <summary>The trace's vector; thread-safe (the index is only read).</summary>
    public TraceVector Vector(ReadOnlySpan<int> calls)
    {
        var n = _grams.Width;
        var known = new Dictionary<int, int>();
        var unseenCounts = new List<int>(); // by first-seen order of the unseen n-gram, so repeats count once
        WindowIndex? unseenGrams = null;
        var total = 0;
        Span<int> buffer = n <= 64 ? stackalloc int[n] : new int[n];
        for (var cursor = SlidingWindows.Of(calls, n, buffer); cursor.MoveNext();)
        {
            total++;
            var index = _grams.IndexOfHashed(cursor.Window, cursor.Hash);
            if (index >= 0)
            {
                known[index] = known.GetValueOrDefault(index) + 1;
            }
            else
            {
                unseenGrams ??= new WindowIndex(n);
                var local = unseenGrams.GetOrAddHashed(cursor.Window, cursor.Hash);
                if (local == unseenCounts.Count)
                {
                    unseenCounts.Add(0);
                }

                unseenCounts[local]++;
            }
        }

        var features = known.Keys.Order().ToArray();
        var weights = new double[features.Length];
        double sum = 0, squares = 0;
        for (var i = 0; i < features.Length; i++)
        {
            weights[i] = Weight(known[features[i]], total, _documentFrequency[features[i]]);
            sum += weights[i];
            squares += weights[i] * weights[i];
        }

        // Unseen n-grams in first-seen order: a fixed order, so the sums are the same on every run.
        foreach (var count in unseenCounts)
        {
            var weight = Weight(count, total, documentFrequency: 0);
            sum += weight;
            squares += weight * weight;
        }

        return new TraceVector(features, weights, sum, squares);
    }

    /// <summary>
    /// Set: 1. tf: c / total. tf-idf: (c / total) (ln((1 + N) / (1 + df)) + 1), scikit-learn's smoothed
    /// idf, which is finite for an n-gram no training trace holds (df = 0) and largest there.
    /// </summary>
    private double Weight(int count, int total, int documentFrequency) => _representation switch
    {
        KnnRepresentation.SyscallSet or KnnRepresentation.NgramSet => 1,
        KnnRepresentation.NgramTf => (double)count / total,
        KnnRepresentation.NgramTfidf => (double)count / total * (Math.Log((1.0 + _trainingTraces) / (1.0 + documentFrequency)) + 1),
        _ => throw new InvalidOperationException($"Unknown representation {_representation}."),
    };
}
