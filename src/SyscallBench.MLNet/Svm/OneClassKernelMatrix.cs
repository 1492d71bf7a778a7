namespace SyscallBench.MLNet.Svm;

/// <summary>
/// The one-class problem's Q matrix, Q_ij = K(x_i, x_j), served row by row through an LRU cache and
/// permuted in place when the solver shrinks (libsvm's ONE_CLASS_Q). Rows are rounded to float as in
/// libsvm; the diagonal stays in double.
/// </summary>
internal sealed class OneClassKernelMatrix
{
    private readonly SparseVector[] _vectors;
    private readonly double[] _squaredNorms;
    private readonly SvmKernel _kernel;
    private readonly KernelRowCache _cache;

    public OneClassKernelMatrix(IReadOnlyList<SparseVector> vectors, SvmKernel kernel, long cacheBytes)
    {
        _vectors = vectors.ToArray();
        _kernel = kernel;
        _squaredNorms = _vectors.Select(v => SparseVector.Dot(v, v)).ToArray();
        _cache = new KernelRowCache(_vectors.Length, cacheBytes);
        Diagonal = new double[_vectors.Length];
        for (var i = 0; i < _vectors.Length; i++)
        {
            Diagonal[i] = Compute(i, i);
        }
    }

    /// <summary>Q_ii in double precision, permuted along with the rows.</summary>
    public double[] Diagonal { get; }

    /// <summary>Row i of Q, valid in [0, length).</summary>
    public float[] Row(int i, int length)
    {
        var row = _cache.GetRow(i, length, out var fillFrom);
        for (var j = fillFrom; j < length; j++)
        {
            row[j] = (float)Compute(i, j);
        }

        return row;
    }

    public void Swap(int i, int j)
    {
        _cache.Swap(i, j);
        (_vectors[i], _vectors[j]) = (_vectors[j], _vectors[i]);
        (_squaredNorms[i], _squaredNorms[j]) = (_squaredNorms[j], _squaredNorms[i]);
        (Diagonal[i], Diagonal[j]) = (Diagonal[j], Diagonal[i]);
    }

    private double Compute(int i, int j) =>
        _kernel.FromDot(_squaredNorms[i], _squaredNorms[j], SparseVector.Dot(_vectors[i], _vectors[j]));
}
