namespace SyscallBench.MLNet.Svm;

/// <summary>The kernels the one-class solver supports.</summary>
public enum KernelType
{
    /// <summary>K(x, y) = exp(-gamma * ||x - y||^2).</summary>
    Rbf,

    /// <summary>K(x, y) = x . y.</summary>
    Linear,
}

/// <summary>
/// A kernel with its parameter, evaluated from squared norms and one inner product (<see cref="FromDot"/>),
/// the way libsvm's training kernel computes it; the model's decision function uses the same formula.
/// </summary>
/// <param name="Type">Kernel type.</param>
/// <param name="Gamma">RBF width (ignored by the linear kernel); must be positive and finite for RBF.</param>
public sealed record SvmKernel(KernelType Type, double Gamma)
{
    public static SvmKernel Linear { get; } = new(KernelType.Linear, 0);

    public static SvmKernel Rbf(double gamma) => new(KernelType.Rbf, gamma);

    /// <summary>
    /// K(x_i, x_j) from ||x_i||^2, ||x_j||^2 and x_i . x_j, the way libsvm's training kernel computes it (and the decision function here).
    /// </summary>
    public double FromDot(double squaredNormI, double squaredNormJ, double dot) => Type switch
    {
        KernelType.Linear => dot,
        KernelType.Rbf => Math.Exp(-Gamma * (squaredNormI + squaredNormJ - 2 * dot)),
        _ => throw new InvalidOperationException($"Unknown kernel {Type}."),
    };
}
