using System.ComponentModel;
using SyscallBench.Core.Config;
using SyscallBench.MLNet.Features;

namespace SyscallBench.MLNet.Pca;

/// <summary>Parameters of the `pca` detector. Defaults follow ML.NET's RandomizedPca trainer.</summary>
public sealed class PcaOptions : NGramFeatureOptions
{
    [Description("Number of principal components (capped at the number of n-gram features learned from training).")]
    public int Rank { get; init; } = 20;

    [Description("Oversampling for the randomized SVD (extra random directions; ML.NET default 20).")]
    public int Oversampling { get; init; } = 20;

    [Description("Centre the features on the training mean before PCA.")]
    public bool EnsureZeroMean { get; init; } = true;

    [Description("Seed of the randomized SVD; empty = the experiment's seed.")]
    public int? Seed { get; init; }

    protected override IEnumerable<OptionError> ValidateDetector()
    {
        if (Rank < 1)
        {
            yield return new OptionError(nameof(Rank), $"must be at least 1, got {Rank}");
        }

        if (Oversampling < 0)
        {
            yield return new OptionError(nameof(Oversampling), $"must be at least 0, got {Oversampling}");
        }
    }
}
