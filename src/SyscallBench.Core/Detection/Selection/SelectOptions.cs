using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;

namespace SyscallBench.Core.Detection.Selection;

/// <summary>How a <c>select:</c> block compares the variants of a grid, using training normals only.</summary>
public enum SelectionCriterion
{
    /// <summary><see cref="HeldoutLikelihood"/> for language models (<see cref="DetectorTraits.LanguageModel"/>), else <see cref="SyntheticAnomalies"/>.</summary>
    Auto,

    /// <summary>Mean surprisal per call of the held-out training normals, in nats (lower is better).</summary>
    HeldoutLikelihood,

    /// <summary>ROC AUC of the held-out training normals against anomalies made from them (higher is better).</summary>
    SyntheticAnomalies,
}

/// <summary>The <c>select:</c> block of a detector entry with a <c>grid:</c>: one variant is chosen from training data only.</summary>
/// <remarks>
/// The training normals are split once, with a fixed seed (<see cref="HoldoutSeed"/>, never the run's seed,
/// so the choice of a deterministic detector is deterministic too): each variant is fitted on the rest and judged
/// on the held-out part; the best variant (the first in grid order on a tie) is then fitted on all training
/// normals, exactly as if it had been written in the experiment alone, and only it is scored on the test set.
/// No test trace and no attack label is read. heldout_likelihood is the held-out cross-entropy of a language
/// model, -(1/N) Σ ln p(x_t | context) over all N held-out calls (a model that maps more calls to its unknown
/// token pays less for them, so compare variants of equal min_call_count). synthetic_anomalies scores the
/// held-out normals and, for each of them, two anomalies made from it: a foreign segment (segment_length calls
/// drawn uniformly from the syscalls of the fitting part, inserted at a random position) and a shuffled segment
/// (segment_length consecutive calls permuted; the whole trace when it is shorter); the criterion is the ROC
/// AUC of normals against those. It is a proxy: it rewards sensitivity to local changes of order and
/// alphabet, not to whole-program attacks, which is why the run reports it for every variant.
/// </remarks>
public sealed class SelectOptions : IOptions
{
    /// <summary>The seed of the held-out split and of the synthetic anomalies: fixed, so a choice never depends on the run's seed.</summary>
    public const int HoldoutSeed = 20161103;

    [Description("auto (heldout_likelihood for language models, synthetic_anomalies for the others), heldout_likelihood (mean surprisal per call of held-out training normals, lower is better; language models only) or synthetic_anomalies (ROC AUC of held-out training normals against foreign and shuffled segments made from them, higher is better).")]
    public SelectionCriterion Criterion { get; init; } = SelectionCriterion.Auto;

    [Description("Fraction of the training normals held out to judge the variants (each variant is fitted on the rest); the chosen one is then fitted on all of them.")]
    public double HoldoutFraction { get; init; } = 0.2;

    [Description("synthetic_anomalies: calls in each foreign or shuffled segment.")]
    public int SegmentLength { get; init; } = 10;

    public IEnumerable<OptionError> Validate()
    {
        if (!(HoldoutFraction is > 0 and < 1))
        {
            yield return new OptionError(nameof(HoldoutFraction), $"must be in (0, 1), got {HoldoutFraction.ToString(CultureInfo.InvariantCulture)}");
        }

        if (SegmentLength is < 1 or > 100_000)
        {
            yield return new OptionError(nameof(SegmentLength), $"must be between 1 and 100000, got {SegmentLength}");
        }
    }
}
