namespace SyscallBench.MLNet.Svm;

/// <summary>
/// A list of sparse vectors stored by feature (compressed sparse columns), to compute the inner products
/// of one vector with all of them at once: for each non-zero x_f, in ascending f, every vector r with a
/// non-zero w_rf gets dots[r] += x_f · w_rf. Only the products of common non-zeros are formed, so this
/// costs the useful multiplications alone instead of one index merge per pair (n-gram vectors share few
/// of their thousands of features).
/// </summary>
/// <remarks>
/// Each dots[r] adds the same products in the same (ascending feature) order as
/// <see cref="SparseVector.Dot"/>(x, vector r), so the results are equal bit for bit: the kernel rows,
/// and hence the solver's path and solution, are those of the pairwise computation, which follows libsvm.
/// </remarks>
internal sealed class SparseColumns
{
    private readonly int[] _start;
    private readonly int[] _rows;
    private readonly double[] _values;

    public SparseColumns(IReadOnlyList<SparseVector> vectors)
    {
        Count = vectors.Count;
        var dimension = 0;
        foreach (var vector in vectors)
        {
            if (vector.NonZeroCount > 0)
            {
                dimension = Math.Max(dimension, vector.Indices[^1] + 1);
            }
        }

        // Counting sort of the (feature, row) pairs by feature; rows stay ascending within a column.
        _start = new int[dimension + 1];
        foreach (var vector in vectors)
        {
            foreach (var feature in vector.Indices)
            {
                _start[feature + 1]++;
            }
        }

        for (var f = 0; f < dimension; f++)
        {
            _start[f + 1] += _start[f];
        }

        _rows = new int[_start[dimension]];
        _values = new double[_start[dimension]];
        var next = _start[..dimension];
        for (var r = 0; r < vectors.Count; r++)
        {
            var vector = vectors[r];
            for (var k = 0; k < vector.NonZeroCount; k++)
            {
                var position = next[vector.Indices[k]]++;
                _rows[position] = r;
                _values[position] = vector.Values[k];
            }
        }
    }

    /// <summary>Number of vectors (length of the dots span).</summary>
    public int Count { get; }

    /// <summary>dots[r] = x · vector r for every stored vector r.</summary>
    public void Dots(SparseVector x, Span<double> dots)
    {
        dots[..Count].Clear();
        var dimension = _start.Length - 1;
        for (var k = 0; k < x.NonZeroCount; k++)
        {
            var feature = x.Indices[k];
            if (feature >= dimension)
            {
                break;
            }

            var value = x.Values[k];
            for (var p = _start[feature]; p < _start[feature + 1]; p++)
            {
                dots[_rows[p]] += value * _values[p];
            }
        }
    }
}
