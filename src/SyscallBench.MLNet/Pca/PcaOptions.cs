using System.ComponentModel;
using SyscallBench.Core.Options;
using SyscallBench.MLNet.Features;

namespace SyscallBench.MLNet.Pca;

/// <summary>Parameters of the `pca` detector. Defaults follow ML.NET's RandomizedPca trainer.</summary>
public sealed class PcaOptions : IOptions
{
    [Description("Number of principal components (capped at the number of n-gram features learned from training).")]
    public int Rank { get; init; } = 20;

    [Description("Oversampling for the randomized SVD (extra random directions; ML.NET default 20).")]
    public int Oversampling { get; init; } = 20;

    [Description("Centre the features on the training mean before PCA.")]
    public bool EnsureZeroMean { get; init; } = true;

    [Description("Seed of the randomized SVD; empty = the experiment's seed.")]
    public int? Seed { get; init; }

    [Description("n: the features count every n-gram of length 1..n.")]
    public int NgramLength { get; init; } = 3;

    [Description("Feature weighting before L2 normalisation: tf (counts), tf_idf (counts x ln(N/df) over training traces) or binary.")]
    public NGramWeighting Weighting { get; init; } = NGramWeighting.Tf;

    [Description("N-grams not in the training vocabulary: bucket (counted in one extra feature, weighted like the others, so never-seen behaviour moves a trace away from every training trace) or drop (ignored).")]
    public UnseenNGramHandling UnseenNgrams { get; init; } = UnseenNGramHandling.Bucket;

    public NGramFeatureSettings FeatureSettings => new(NgramLength, Weighting, UnseenNgrams);

    public IEnumerable<OptionError> Validate()
    {
        if (Rank < 1)
        {
            yield return new OptionError(nameof(Rank), $"must be at least 1, got {Rank}");
        }

        if (Oversampling < 0)
        {
            yield return new OptionError(nameof(Oversampling), $"must be at least 0, got {Oversampling}");
        }

        foreach (var error in FeatureOptionChecks.Validate(NgramLength, nameof(NgramLength)))
        {
            yield return error;
        }
    }
}
