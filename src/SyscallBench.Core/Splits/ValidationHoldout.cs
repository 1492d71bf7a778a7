using System.Globalization;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Splits;

/// <summary>
/// Recordings judged over time need validation recordings for their thresholds. A dataset without them (a trace folder of
/// timed strace recordings, say) gets some from its training recordings: a seeded <see cref="Fraction"/> of them is held
/// out, never fitted on, and said so in the notes. Test data never sets a threshold.
/// </summary>
public static class ValidationHoldout
{
    public const double Fraction = 0.2;

    public const int Seed = 1;

    /// <summary>The dataset with validation recordings: its own, or held out from training when it has none and needs them.</summary>
    public static LabeledDataset Ensure(LabeledDataset dataset)
    {
        var needsThresholds = dataset.HasRecordings
            && dataset.Validation.Count == 0
            && dataset.Test.All(t => t.Timeline!.Times is not null)
            && dataset.Test.Any(t => t.IsAttack && t.Timeline!.AttackStart is not null);
        if (!needsThresholds)
        {
            return dataset;
        }

        if (dataset.Train.Count < 2)
        {
            return dataset with
            {
                Provenance = dataset.Provenance with
                {
                    Notes = [.. dataset.Provenance.Notes, "WARNING: no validation recordings and too few training recordings to hold some out: "
                        + "no thresholds, so no time-aware evaluation (ROC only)"],
                },
            };
        }

        var order = dataset.Train.Select(t => t.Id).Order(StringComparer.Ordinal).ToArray();
        var random = new Xoshiro256StarStar(unchecked((ulong)SyntheticDataset.DeriveSeed(Seed, "validation-holdout")));
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var count = Math.Clamp((int)Math.Round(Fraction * order.Length, MidpointRounding.AwayFromZero), 1, order.Length - 1);
        var held = order.Take(count).ToHashSet(StringComparer.Ordinal);
        var train = dataset.Train.Where(t => !held.Contains(t.Id)).ToArray();
        var validation = dataset.Train.Where(t => held.Contains(t.Id)).ToArray();
        var source = $"{count.ToString(CultureInfo.InvariantCulture)} of the {order.Length.ToString(CultureInfo.InvariantCulture)} training recordings, "
            + $"held out (seed {Seed.ToString(CultureInfo.InvariantCulture)}) because the dataset has no validation recordings";
        return dataset with
        {
            Train = train,
            Validation = validation,
            ValidationSource = source,
            Provenance = dataset.Provenance with
            {
                ContentHash = DatasetHash.Compute(train, dataset.Test),
                Notes = [.. dataset.Provenance.Notes, $"thresholds of the time-aware evaluation: {source}; they are not fitted on"],
            },
        };
    }
}
