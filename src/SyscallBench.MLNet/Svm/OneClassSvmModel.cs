using System.Text.Json;

namespace SyscallBench.MLNet.Svm;

/// <summary>
/// A trained one-class SVM: f(x) = Σ_i coefficient_i · K(sv_i, x) − ρ, positive inside the learned
/// support of the training data. Immutable and thread-safe.
/// </summary>
public sealed class OneClassSvmModel
{
    internal OneClassSvmModel(SvmKernel kernel, SparseVector[] supportVectors, double[] coefficients, double rho,
        int[] supportIndices, int iterations, bool converged)
    {
        Kernel = kernel;
        SupportVectors = supportVectors;
        Coefficients = coefficients;
        Rho = rho;
        SupportIndices = supportIndices;
        Iterations = iterations;
        Converged = converged;
        _supportColumns = new Lazy<SparseColumns>(() => new SparseColumns(supportVectors));
        _supportSquaredNorms = supportVectors.Select(v => SparseVector.Dot(v, v)).ToArray();
    }

    /// <summary>The support vectors by feature, built on first use (a loaded model that never scores needs none).</summary>
    private readonly Lazy<SparseColumns> _supportColumns;

    private readonly double[] _supportSquaredNorms;

    public SvmKernel Kernel { get; }

    /// <summary>The training vectors with a non-zero multiplier, in training order.</summary>
    public IReadOnlyList<SparseVector> SupportVectors { get; }

    /// <summary>Their multipliers a_i in (0, 1] (scikit-learn's dual_coef_).</summary>
    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>The offset ρ (scikit-learn's offset_ = −intercept_).</summary>
    public double Rho { get; }

    /// <summary>Positions of the support vectors in the training list (scikit-learn's support_); empty after load.</summary>
    public IReadOnlyList<int> SupportIndices { get; }

    /// <summary>SMO iterations the fit took (0 after load).</summary>
    public int Iterations { get; }

    /// <summary>False when the fit stopped at the iteration cap before meeting the tolerance.</summary>
    public bool Converged { get; }

    public int SupportVectorCount => SupportVectors.Count;

    /// <summary>f(x), summed over support vectors in training order as libsvm's predict_values does.</summary>
    /// <remarks>
    /// The inner products x·sv_i come from <see cref="SparseColumns"/>, all at once, and the RBF kernel from
    /// ‖x‖² + ‖sv_i‖² − 2x·sv_i (<see cref="SvmKernel.FromDot"/>, libsvm's training-side formula) rather than
    /// by summing (x − sv_i)² pair by pair as libsvm's predict side does: that merge over the n-gram
    /// features of every (trace, support vector) pair was most of the scoring time. The two agree to
    /// rounding (about 1e-16 of ‖x‖² + ‖sv_i‖² per kernel value); the linear kernel is equal bit for bit.
    /// </remarks>
    public double Decision(SparseVector x)
    {
        var count = SupportVectors.Count;
        var rented = count > 512 ? System.Buffers.ArrayPool<double>.Shared.Rent(count) : null;
        var dots = rented is null ? stackalloc double[count] : rented.AsSpan(0, count);
        try
        {
            _supportColumns.Value.Dots(x, dots);
            var squaredNorm = SparseVector.Dot(x, x);
            double sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum += Coefficients[i] * Kernel.FromDot(squaredNorm, _supportSquaredNorms[i], dots[i]);
            }

            return sum - Rho;
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new Stored(
        Kernel.Type.ToString(),
        Kernel.Gamma,
        Rho,
        Coefficients.ToArray(),
        SupportVectors.Select(v => v.Indices).ToArray(),
        SupportVectors.Select(v => v.Values).ToArray()));

    public static OneClassSvmModel FromJson(string json, string source)
    {
        Stored stored;
        try
        {
            stored = JsonSerializer.Deserialize<Stored>(json) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new Core.SyscallBenchException($"{source}: not a saved one-class SVM ({e.Message}).", e);
        }

        if (stored.Kernel is null || stored.Coefficients is null || stored.Indices is null || stored.Values is null
            || stored.Indices.Any(i => i is null) || stored.Values.Any(v => v is null))
        {
            throw new Core.SyscallBenchException($"{source}: not a saved one-class SVM (Kernel, Coefficients, Indices and Values are all needed).");
        }

        if (!double.IsFinite(stored.Gamma) || stored.Gamma <= 0 || !double.IsFinite(stored.Rho)
            || stored.Coefficients.Any(c => !double.IsFinite(c)) || stored.Values.Any(v => v.Any(x => !double.IsFinite(x)))
            || stored.Indices.Zip(stored.Values).Any(p => p.First.Length != p.Second.Length || p.First.Any(i => i < 0)
                || p.First.Zip(p.First.Skip(1)).Any(q => q.Second <= q.First)))
        {
            throw new Core.SyscallBenchException($"{source}: invalid one-class SVM model: Gamma must be a positive number, Rho and every "
                + "coefficient and value finite, and each support vector's indices ascending, non-negative and as many as its values.");
        }

        if (!Enum.TryParse<KernelType>(stored.Kernel, out var kernelType) || !Enum.IsDefined(kernelType)
            || stored.Coefficients.Length != stored.Indices.Length
            || stored.Indices.Length != stored.Values.Length)
        {
            throw new Core.SyscallBenchException($"{source}: inconsistent one-class SVM model (kernel '{stored.Kernel}', " +
                $"{stored.Coefficients.Length} coefficients, {stored.Indices.Length} support vectors).");
        }

        var vectors = stored.Indices.Select((indices, k) => new SparseVector(indices, stored.Values[k])).ToArray();
        return new OneClassSvmModel(new SvmKernel(kernelType, stored.Gamma), vectors, stored.Coefficients, stored.Rho,
            [], 0, true);
    }

    private sealed record Stored(string Kernel, double Gamma, double Rho, double[] Coefficients, int[][] Indices, double[][] Values);
}
