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
/// <para>Features: <see cref="NGramFeaturizer"/> (n-grams of length 1..n plus the unseen-n-gram bucket,
/// tf | tf-idf | binary, L2-normalised, fitted on training normals). Model: ν-One-Class SVM (Schölkopf et al., Neural Computation 13(7), 2001)
/// trained by <see cref="OneClassSvmSolver"/>, which reproduces libsvm / scikit-learn's OneClassSVM.</para>
/// <para>Score(trace) = −f(x) = ρ − Σ_i a_i K(x_i, x): higher = more anomalous; negative inside the support.</para>
/// <para>Never-seen behaviour: with unseen_ngrams: bucket (default) the n-grams not in the training
/// vocabulary fill one extra feature that every training vector has at 0 (see <see cref="NGramFeaturizer"/>).
/// A trace all of whose n-grams are unseen is the unit vector along that axis, orthogonal to every training
/// vector, and scores ρ − Σ_i a_i·exp(−γ(‖x_i‖² + 1)) ≈ ρ − e^(−2γ)·ν·l with RBF (training vectors have unit
/// length up to float32 rounding), ρ with the linear kernel. Since features are non-negative, x·x_i ≥ 0 for
/// every unit x, so this is the highest score any non-empty trace can get; a partly unseen trace tilts toward
/// it. With unseen_ngrams: drop such a trace is the all-zero vector and scores like an empty one.</para>
/// <para>Empty traces (no n-grams at all) are the all-zero vector in both modes and score
/// ρ − Σ_i a_i·exp(−γ‖x_i‖²) ≈ ρ − e^(−γ)·ν·l with RBF, exactly ρ with the linear kernel: high, but below an
/// all-unseen trace with the bucket (the zero vector lies at distance 1 from every training vector, an
/// orthogonal unit vector at √2).</para>
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
