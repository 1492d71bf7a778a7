using System.ComponentModel;
using SyscallBench.Core.Config;

namespace SyscallBench.MLNet.Features;

/// <summary>
/// The n-gram feature parameters every ML.NET detector shares (`ocsvm`, `pca`): declared once here, so
/// both detectors offer the same names, defaults and checks. The YAML names are those of these properties.
/// </summary>
public abstract class NGramFeatureOptions : IOptions
{
    [Description("n: the features count every n-gram of length 1..n.")]
    public int NgramLength { get; init; } = 3;

    [Description("Feature weighting before L2 normalisation: tf (counts), tf_idf (counts x ln(N/df) over training traces) or binary.")]
    public NGramWeighting Weighting { get; init; } = NGramWeighting.Tf;

    [Description("N-grams not in the training vocabulary: bucket (counted in one extra feature, weighted like the others, so never-seen behaviour moves a trace away from every training trace) or drop (ignored).")]
    public UnseenNGramHandling UnseenNgrams { get; init; } = UnseenNGramHandling.Bucket;

    public NGramFeatureSettings FeatureSettings => new(NgramLength, Weighting, UnseenNgrams);

    /// <summary>The detector's own checks followed by the feature checks.</summary>
    public IEnumerable<OptionError> Validate() => ValidateDetector().Concat(ValidateFeatures());

    protected abstract IEnumerable<OptionError> ValidateDetector();

    private IEnumerable<OptionError> ValidateFeatures()
    {
        if (NgramLength is < 1 or > NGramFeatureSettings.MaxSupportedLength)
        {
            yield return new OptionError(nameof(NgramLength),
                $"must be between 1 and {NGramFeatureSettings.MaxSupportedLength} (ML.NET's n-gram limit), got {NgramLength}");
        }
    }
}
