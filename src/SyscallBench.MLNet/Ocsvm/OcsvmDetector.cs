using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Svm;

namespace SyscallBench.MLNet.Ocsvm;

/// <summary>
/// One-Class SVM over per-trace bags of n-grams: learns the support of normal traces in feature space and
/// scores a trace by how far outside it lies.
/// </summary>
/// <remarks>
/// <para>Features: <see cref="NGramFeaturizer"/> (n-grams of length 1..n, tf | tf-idf | binary, L2-normalised,
/// fitted on training normals). Model: ν-One-Class SVM (Schölkopf et al., Neural Computation 13(7), 2001)
/// trained by <see cref="OneClassSvmSolver"/>, which reproduces libsvm / scikit-learn's OneClassSVM.</para>
/// <para>Score(trace) = −f(x) = ρ − Σ_i a_i K(x_i, x): higher = more anomalous; negative inside the support.</para>
/// <para>All-zero feature vectors (empty traces, or traces none of whose n-grams occur in training) score
/// ρ − Σ_i a_i·exp(−γ‖x_i‖²) with RBF, ≈ ρ − e^(−γ)·ν·l since training vectors have unit length (up to
/// float32 rounding); with the linear kernel they score exactly ρ. Caveat of L2-normalised features: the
/// zero vector lies at distance 1 from every training vector, nearer than a unit vector orthogonal to all
/// of them (distance √2), so an all-unseen trace gets a fixed high score but not necessarily the highest.</para>
/// </remarks>
public sealed class OcsvmDetector(string name, OcsvmOptions options) : IDetector
{
    public const string TypeName = "ocsvm";

    public string Name { get; } = name;

    public string Type => TypeName;

    public OcsvmOptions Options { get; } = options;

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context)
    {
        context.Report(0, "building n-gram features");
        var featurizer = NGramFeaturizer.Fit(normalTraces, Options.FeatureSettings, context.Seed);
        var vectors = featurizer.TransformMany(normalTraces, context.Cancellation);

        context.Report(0.3, $"solving one-class SVM ({vectors.Length} traces, {featurizer.FeatureCount} features)");
        var kernel = Options.Kernel == KernelType.Linear
            ? SvmKernel.Linear
            : SvmKernel.Rbf(GammaChoice.Resolve(Options.Gamma, vectors, featurizer.FeatureCount));
        var parameters = new OneClassSvmParameters(Options.Nu, kernel, Options.Tolerance, Options.CacheSizeMb,
            Options.Shrinking, Options.MaxIterations);
        var model = OneClassSvmSolver.Fit(vectors, parameters, context.Cancellation);
        context.Report(1, $"{model.SupportVectorCount} support vectors, {model.Iterations} iterations" +
            (model.Converged ? "" : " (stopped at max_iterations before convergence)"));
        return new FittedOcsvmDetector(featurizer, model);
    }
}
