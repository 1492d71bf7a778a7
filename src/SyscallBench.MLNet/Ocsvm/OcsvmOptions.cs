using System.ComponentModel;
using SyscallBench.Core.Config;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Svm;

namespace SyscallBench.MLNet.Ocsvm;

/// <summary>Parameters of the `ocsvm` detector (YAML names are snake_case). Defaults follow scikit-learn's OneClassSVM.</summary>
public sealed class OcsvmOptions : NGramFeatureOptions
{
    [Description("Kernel: rbf (exp(-gamma*|x-y|^2)) or linear (x.y).")]
    public KernelType Kernel { get; init; } = KernelType.Rbf;

    [Description("nu in (0, 1]: upper bound on the fraction of training traces outside the support, lower bound on the fraction of support vectors (scikit-learn default 0.5).")]
    public double Nu { get; init; } = 0.5;

    [Description("RBF width: 'scale' = 1/(n_features*Var(X)) over the training matrix (scikit-learn default), 'auto' = 1/n_features, or a positive number.")]
    public string Gamma { get; init; } = GammaChoice.Scale;

    [Description("Stopping tolerance on the KKT violation (libsvm eps).")]
    public double Tolerance { get; init; } = 1e-3;

    [Description("Kernel-row cache size in MB (libsvm cache_size).")]
    public double CacheSizeMb { get; init; } = 200;

    [Description("Iteration cap for the SMO solver; -1 = unlimited (scikit-learn default).")]
    public int MaxIterations { get; init; } = -1;

    [Description("Use libsvm's shrinking heuristic (faster; same solution up to the tolerance).")]
    public bool Shrinking { get; init; } = true;

    protected override IEnumerable<OptionError> ValidateDetector()
    {
        if (!(Nu > 0 && Nu <= 1))
        {
            yield return new OptionError(nameof(Nu), $"must be in (0, 1], got {Nu.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (GammaChoice.Check(Gamma) is { } gammaProblem)
        {
            yield return new OptionError(nameof(Gamma), gammaProblem);
        }

        if (!(Tolerance > 0))
        {
            yield return new OptionError(nameof(Tolerance), "must be positive");
        }

        if (!(CacheSizeMb > 0))
        {
            yield return new OptionError(nameof(CacheSizeMb), "must be positive");
        }

        if (MaxIterations is 0 or < -1)
        {
            yield return new OptionError(nameof(MaxIterations), $"must be -1 (unlimited) or at least 1, got {MaxIterations}");
        }
    }
}
