using Microsoft.ML;
using Microsoft.ML.Data;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;

namespace SyscallBench.MLNet.Pca;

/// <summary>
/// ML.NET's randomized-PCA anomaly detector over the same per-trace n-gram features as `ocsvm`: normal
/// traces are assumed to lie near a low-dimensional subspace; a trace is scored by what PCA cannot explain.
/// </summary>
/// <remarks>
/// <para>Model: MLContext.AnomalyDetection.Trainers.RandomizedPca (randomized SVD, Halko, Martinsson &amp; Tropp,
/// "Finding structure with randomness", SIAM Review 53(2), 2011) fitted on the training features.</para>
/// <para>Score = ML.NET's anomaly score, the normalised reconstruction error
/// sqrt((‖x−m‖² − ‖U(x−m)‖²) / ‖x−m‖²) ∈ [0, 1] (m = training mean, or 0 without ensure_zero_mean; U = the top-rank
/// principal directions): higher = more anomalous. ML.NET returns NaN when x = m (0/0); we score that case 1
/// when x is the all-zero vector (an empty trace, or with unseen_ngrams: drop a trace none of whose n-grams
/// was seen in training: maximally unexplained) and 0 otherwise (x is exactly the training mean: nothing to
/// explain).</para>
/// <para>Never-seen behaviour: with unseen_ngrams: bucket (default) the n-grams not in the training vocabulary
/// fill one extra feature, 0 in every training vector, so no principal direction and not the mean has a
/// component along it (see <see cref="NGramFeaturizer"/>). An all-unseen trace, the unit vector e along that
/// axis, scores exactly 1 without centring and sqrt(1 − ‖Um‖² / (1 + ‖m‖²)) ≥ 1/√2 with it (‖m‖ ≤ 1);
/// a partly unseen trace has that part of its vector unexplained.</para>
/// <para>The rank is capped at the number of n-grams in the training vocabulary (ML.NET rejects a rank above
/// the feature dimension, and the unseen bucket adds no direction the training data could span).</para>
/// </remarks>
public sealed class PcaDetector(string name, PcaOptions options) : IDetector
{
    public const string TypeName = "pca";

    public string Name { get; } = name;

    public string Type => TypeName;

    public PcaOptions Options { get; } = options;

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context)
    {
        context.Report(0, "building n-gram features");
        var featurizer = NGramFeaturizer.Fit(normalTraces, Options.FeatureSettings, context.Seed);
        var ml = featurizer.Ml;
        // Cached: the randomized SVD passes over the data several times, and each uncached pass would
        // re-extract every trace's n-grams.
        var features = ml.Data.Cache(featurizer.Transformer.Transform(NGramFeaturizer.ToDataView(ml, normalTraces)),
            NGramFeaturizer.FeaturesColumn);

        // The unseen bucket is 0 in every training vector: it adds a dimension but no direction to find.
        var rank = Math.Min(Options.Rank, featurizer.VocabularySize);
        context.Report(0.3, $"randomized PCA, rank {rank} of {featurizer.FeatureCount} features");
        var trainer = ml.AnomalyDetection.Trainers.RandomizedPca(
            featureColumnName: NGramFeaturizer.FeaturesColumn,
            rank: rank,
            oversampling: Options.Oversampling,
            ensureZeroMean: Options.EnsureZeroMean,
            seed: Options.Seed ?? context.Seed);
        var pca = trainer.Fit(features);
        var chain = new TransformerChain<ITransformer>(featurizer.Transformer, pca);
        context.Report(1, "fitted");
        return new FittedPcaDetector(ml, chain, featurizer.InputSchema);
    }
}
