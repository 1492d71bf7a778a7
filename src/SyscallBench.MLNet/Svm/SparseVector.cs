namespace SyscallBench.MLNet.Svm;

/// <summary>
/// A real vector stored as ascending feature indices and their values (explicit zeros allowed but never
/// needed). The solver works on these for dense and sparse data alike: a dense row becomes a vector that
/// lists every index, and all sums run in ascending index order, so results equal a dense computation.
/// </summary>
public sealed class SparseVector
{
    public SparseVector(int[] indices, double[] values)
    {
        if (indices.Length != values.Length)
        {
            throw new ArgumentException($"{indices.Length} indices but {values.Length} values.");
        }

        for (var k = 1; k < indices.Length; k++)
        {
            if (indices[k] <= indices[k - 1])
            {
                throw new ArgumentException("Indices must be strictly ascending.");
            }
        }

        if (indices.Length > 0 && indices[0] < 0)
        {
            throw new ArgumentException("Indices must be non-negative.");
        }

        Indices = indices;
        Values = values;
    }

    public static SparseVector Empty { get; } = new([], []);

    /// <summary>Feature indices, strictly ascending.</summary>
    public int[] Indices { get; }

    /// <summary>Values at <see cref="Indices"/>.</summary>
    public double[] Values { get; }

    public int NonZeroCount => Indices.Length;

    /// <summary>Keeps the non-zero entries of a dense row.</summary>
    public static SparseVector FromDense(ReadOnlySpan<double> dense)
    {
        var indices = new List<int>();
        var values = new List<double>();
        for (var i = 0; i < dense.Length; i++)
        {
            if (dense[i] != 0)
            {
                indices.Add(i);
                values.Add(dense[i]);
            }
        }

        return new SparseVector(indices.ToArray(), values.ToArray());
    }

    public double[] ToDense(int dimension)
    {
        var dense = new double[dimension];
        for (var k = 0; k < Indices.Length; k++)
        {
            dense[Indices[k]] = Values[k];
        }

        return dense;
    }

    /// <summary>Inner product, summed in ascending index order.</summary>
    public static double Dot(SparseVector x, SparseVector y)
    {
        var xi = x.Indices;
        var yi = y.Indices;
        var xv = x.Values;
        var yv = y.Values;
        double sum = 0;
        int a = 0, b = 0;
        while (a < xi.Length && b < yi.Length)
        {
            if (xi[a] == yi[b])
            {
                sum += xv[a] * yv[b];
                a++;
                b++;
            }
            else if (xi[a] > yi[b])
            {
                b++;
            }
            else
            {
                a++;
            }
        }

        return sum;
    }
}
