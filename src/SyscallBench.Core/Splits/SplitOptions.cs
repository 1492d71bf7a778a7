using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;

namespace SyscallBench.Core.Splits;

public enum SplitProtocol
{
    /// <summary>The dataset's own train/test split (ADFA-LD: Training_Data_Master vs the rest).</summary>
    Official,

    /// <summary>k seeded random re-splits of all normal traces; attacks always stay in the test set.</summary>
    Resplit,
}

public enum LeakagePolicy
{
    /// <summary>Report test traces identical to a training trace in the console and the split manifest.</summary>
    Warn,

    /// <summary>Refuse to run when a test trace is identical to a training trace.</summary>
    Error,
}

/// <summary>The experiment config's <c>split:</c> section: which train/test splits a run evaluates on.</summary>
public sealed class SplitOptions : IOptions
{
    [Description("official: the dataset's own split; resplit: k seeded random re-splits of all normal traces (attacks stay in test).")]
    public SplitProtocol Protocol { get; init; } = SplitProtocol.Official;

    [Description("Number of random re-splits (resplit only).")]
    public int K { get; init; } = 5;

    [Description("Seed of the re-splits: re-split i shuffles the normals with a generator derived from (seed, i).")]
    public int Seed { get; init; } = 1;

    [Description("Share of the normal traces put in the test set by a re-split (resplit only).")]
    public double TestFraction { get; init; } = 0.5;

    [Description("warn: report test traces whose calls equal a training trace's; error: refuse to run then.")]
    public LeakagePolicy Leakage { get; init; } = LeakagePolicy.Warn;

    public IEnumerable<OptionError> Validate()
    {
        if (K < 1)
        {
            yield return new OptionError(nameof(K), $"must be at least 1, got {K.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!(TestFraction > 0 && TestFraction < 1))
        {
            yield return new OptionError(nameof(TestFraction), $"must be between 0 and 1 (exclusive), got {TestFraction.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
