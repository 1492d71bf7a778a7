namespace SyscallBench.MLNet.Svm;

/// <summary>
/// The one-class problem's Q matrix, Q_ij = K(x_i, x_j), served row by row through an LRU cache and
/// permuted in place when the solver shrinks (libsvm's ONE_CLASS_Q). Rows are rounded to float as in
/// libsvm; the diagonal stays in double.
/// </summary>
/// <remarks>
/// A row is computed from the inner products of x_i with every training vector at once
/// (<see cref="SparseColumns"/>, equal bit for bit to pairwise dots). Those are indexed by the vectors'
/// original positions, so the matrix keeps the permutation the solver's swaps make.
/// </remarks>
internal sealed class OneClassKernelMatrix
{
    private readonly SparseVector[] _vectors;
    private readonly double[] _squaredNorms;
    private readonly SvmKernel _kernel;
    private readonly KernelRowCache _cache;
    private readonly SparseColumns _columns;

    /// <summary>Original position of the vector now at each position.</summary>
    private readonly int[] _original;

    /// <summary>Inner products of the row being computed with every vector, by original position.</summary>
    private readonly double[] _dots;

    public OneClassKernelMatrix(IReadOnlyList<SparseVector> vectors, SvmKernel kernel, long cacheBytes)
    {
        _vectors = vectors.ToArray();
        _kernel = kernel;
        _squaredNorms = _vectors.Select(v => SparseVector.Dot(v, v)).ToArray();
        _cache = new KernelRowCache(_vectors.Length, cacheBytes);
        _columns = new SparseColumns(_vectors);
        _original = Enumerable.Range(0, _vectors.Length).ToArray();
        _dots = new double[_vectors.Length];
        Diagonal = new double[_vectors.Length];
        for (var i = 0; i < _vectors.Length; i++)
        {
            Diagonal[i] = _kernel.FromDot(_squaredNorms[i], _squaredNorms[i], SparseVector.Dot(_vectors[i], _vectors[i]));
        }
    }

    /// <summary>Q_ii in double precision, permuted along with the rows.</summary>
    public double[] Diagonal { get; }

    /// <summary>Row i of Q, valid in [0, length).</summary>
    public float[] Row(int i, int length)
    {
        var row = _cache.GetRow(i, length, out var fillFrom);
        if (fillFrom >= length)
        {
            return row;
        }

        _columns.Dots(_vectors[i], _dots);
        for (var j = fillFrom; j < length; j++)
        {
            row[j] = (float)_kernel.FromDot(_squaredNorms[i], _squaredNorms[j], _dots[_original[j]]);
        }

        return row;
    }

    public void Swap(int i, int j)
    {
        _cache.Swap(i, j);
        (_vectors[i], _vectors[j]) = (_vectors[j], _vectors[i]);
        (_squaredNorms[i], _squaredNorms[j]) = (_squaredNorms[j], _squaredNorms[i]);
        (Diagonal[i], Diagonal[j]) = (Diagonal[j], Diagonal[i]);
        (_original[i], _original[j]) = (_original[j], _original[i]);
    }
}
