namespace SyscallBench.Core.Detection.Knn;

/// <summary>
/// Exact k-nearest-neighbour distances from a query vector to every training vector, through an inverted
/// index: each training feature lists the traces holding it with their weights, so a query touches only
/// the postings of its own features (Σ min or the dot product), and every other term of the distance comes
/// from the norms. No approximation: every training trace's distance is computed.
/// </summary>
/// <remarks>
/// Written by hand because no library here offers exact kNN over sparse sets with Jaccard; the postings
/// are visited in feature order and training order, so a score is the same on every run and thread.
/// </remarks>
internal sealed class NeighbourIndex
{
    private readonly int[][] _postingTraces;
    private readonly double[][] _postingWeights;
    private readonly double[] _sums;
    private readonly double[] _squaredNorms;
    private readonly KnnDistance _distance;

    public NeighbourIndex(IReadOnlyList<TraceVector> training, int featureCount, KnnDistance distance)
    {
        _distance = distance;
        _sums = training.Select(v => v.Sum).ToArray();
        _squaredNorms = training.Select(v => v.SquaredNorm).ToArray();
        var lengths = new int[featureCount];
        foreach (var vector in training)
        {
            foreach (var feature in vector.Features)
            {
                lengths[feature]++;
            }
        }

        _postingTraces = lengths.Select(l => new int[l]).ToArray();
        _postingWeights = lengths.Select(l => new double[l]).ToArray();
        var filled = new int[featureCount];
        for (var t = 0; t < training.Count; t++)
        {
            var vector = training[t];
            for (var i = 0; i < vector.Features.Length; i++)
            {
                var feature = vector.Features[i];
                _postingTraces[feature][filled[feature]] = t;
                _postingWeights[feature][filled[feature]] = vector.Weights[i];
                filled[feature]++;
            }
        }
    }

    public int Count => _sums.Length;

    /// <summary>The <paramref name="k"/> smallest distances from <paramref name="query"/>, ascending (fewer when training is smaller).</summary>
    public double[] Nearest(TraceVector query, int k)
    {
        // shared[t]: Σ_i min(q_i, t_i) for Jaccard, Σ_i q_i t_i otherwise, over the features both hold.
        var shared = new double[Count];
        for (var i = 0; i < query.Features.Length; i++)
        {
            var traces = _postingTraces[query.Features[i]];
            var weights = _postingWeights[query.Features[i]];
            var q = query.Weights[i];
            if (_distance == KnnDistance.Jaccard)
            {
                for (var p = 0; p < traces.Length; p++)
                {
                    shared[traces[p]] += Math.Min(q, weights[p]);
                }
            }
            else
            {
                for (var p = 0; p < traces.Length; p++)
                {
                    shared[traces[p]] += q * weights[p];
                }
            }
        }

        var nearest = new double[Math.Min(k, Count)];
        var found = 0;
        for (var t = 0; t < Count; t++)
        {
            var d = Distance(query, t, shared[t]);
            if (found < nearest.Length)
            {
                Insert(nearest, found++, d);
            }
            else if (d < nearest[^1])
            {
                Insert(nearest, nearest.Length - 1, d);
            }
        }

        return nearest;
    }

    /// <summary>Places <paramref name="d"/> into the sorted prefix nearest[0..count), dropping nearest[count].</summary>
    private static void Insert(double[] nearest, int count, double d)
    {
        var at = count;
        while (at > 0 && nearest[at - 1] > d)
        {
            nearest[at] = nearest[at - 1];
            at--;
        }

        nearest[at] = d;
    }

    private double Distance(TraceVector query, int t, double shared)
    {
        switch (_distance)
        {
            case KnnDistance.Jaccard:
                // Σ max = Σ a + Σ b - Σ min.
                var union = query.Sum + _sums[t] - shared;
                return union <= 0 ? 0 : Math.Max(0, 1 - (shared / union));
            case KnnDistance.Cosine:
                // sqrt(|a|² |b|²) rather than |a| |b|: for b = a it is exactly |a|², so the distance is exactly 0.
                var norms = Math.Sqrt(query.SquaredNorm * _squaredNorms[t]);
                if (norms == 0)
                {
                    return query.SquaredNorm == _squaredNorms[t] ? 0 : 1;
                }

                return Math.Max(0, 1 - (shared / norms));
            case KnnDistance.Euclidean:
                // |a - b|² = |a|² + |b|² - 2 a·b; rounding can leave a tiny negative for identical vectors.
                return Math.Sqrt(Math.Max(0, query.SquaredNorm + _squaredNorms[t] - (2 * shared)));
            default:
                throw new InvalidOperationException($"Unknown distance {_distance}.");
        }
    }
}
