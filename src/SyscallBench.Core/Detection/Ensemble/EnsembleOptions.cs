using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;

namespace SyscallBench.Core.Detection.Ensemble;

/// <summary>How an ensemble combines its members' trace scores.</summary>
public enum EnsembleMethod
{
    /// <summary>Kim et al. 2016: sum_i LeakyReLU((s_i - b_i) / sd_i), b_i a high quantile of member i's training-normal scores.</summary>
    Robust,

    /// <summary>Mean of the members' standardised scores (s_i - mean_i) / sd_i, statistics from training normals.</summary>
    MeanZ,

    /// <summary>Mean of the members' mid-rank percentiles among their own training-normal scores.</summary>
    RankMean,
}

/// <summary>Parameters of the `ensemble` detector.</summary>
public sealed class EnsembleOptions : IOptions, IReferencesDetectors
{
    [Description("Names of detectors listed earlier in the same experiment whose scores are combined (at least two).")]
    public string[] Members { get; init; } = [];

    [Description("robust (Kim et al. 2016, leaky-ReLU over per-member thresholds), mean_z (mean standardised score) or rank_mean (mean training-normal percentile).")]
    public EnsembleMethod Method { get; init; } = EnsembleMethod.Robust;

    [Description("robust: b_i is this quantile of member i's scores of the training normals.")]
    public double ThresholdQuantile { get; init; } = 0.99;

    [Description("robust: slope of the leaky ReLU below b_i (0 = plain ReLU).")]
    public double LeakySlope { get; init; } = 0.01;

    public IReadOnlyList<string> ReferencedDetectors => Members;

    public IEnumerable<OptionError> Validate()
    {
        if (Members.Length < 2)
        {
            yield return new OptionError(nameof(Members), $"name at least two earlier detectors, got {Members.Length}");
        }

        if (Members.Distinct(StringComparer.Ordinal).Count() != Members.Length)
        {
            yield return new OptionError(nameof(Members), "names a detector twice");
        }

        if (!(ThresholdQuantile is > 0 and < 1))
        {
            yield return new OptionError(nameof(ThresholdQuantile), $"must be in (0, 1), got {ThresholdQuantile.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!(LeakySlope is >= 0 and < 1))
        {
            yield return new OptionError(nameof(LeakySlope), $"must be in [0, 1), got {LeakySlope.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
