using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;

namespace SyscallBench.Core.Splits;

/// <summary>
/// The experiment config's <c>learning_curve:</c> section: besides each split, fit on nested subsets of its
/// training normals (the test set unchanged), to see a metric against the number of training traces.
/// </summary>
public sealed class LearningCurveOptions : IOptions
{
    [Description("Numbers of training traces; each is a seeded subset of the next larger one. Empty: no learning curve.")]
    public int[] TrainSizes { get; init; } = [];

    [Description("Seed of the order in which training traces enter the subsets.")]
    public int Seed { get; init; } = 1;

    public bool Enabled => TrainSizes.Length > 0;

    public IEnumerable<OptionError> Validate()
    {
        for (var i = 0; i < TrainSizes.Length; i++)
        {
            if (TrainSizes[i] < 1)
            {
                yield return new OptionError(nameof(TrainSizes), $"item {i + 1}: must be at least 1, got {TrainSizes[i].ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (TrainSizes.Distinct().Count() != TrainSizes.Length)
        {
            yield return new OptionError(nameof(TrainSizes), "sizes must be distinct");
        }
    }
}
