using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Splits;

namespace SyscallBench.Core.Running;

/// <summary>
/// The unit of work of a run: one detector fitted on one split's training normals with one seed, then
/// scored on that split's test set. Units are what the cache stores, shards divide and the parallel
/// scheduler runs.
/// </summary>
/// <param name="Split">The split fitted and scored on.</param>
/// <param name="Detector">The detector.</param>
/// <param name="Seed">The fit seed; for a seed-independent detector, the experiment's first seed.</param>
/// <param name="SeedDependent">False when the result cannot depend on the seed (see
/// <see cref="Detection.DetectorTraits.Deterministic"/>): the unit then stands for every seed.</param>
/// <param name="UsesAllCores">The detector, or any member it runs (an ensemble fits and scores its members),
/// has <see cref="Detection.DetectorTraits.UsesAllCores"/>: the scheduler gives the unit every slot.</param>
public sealed record WorkUnit(DataSplit Split, DetectorSpec Detector, int Seed, bool SeedDependent, bool UsesAllCores)
{
    /// <summary>Stable across runs and machines: "official/stide-6/seed-42", "resplit-2/lstm/seed-3", "official/ngram-5/any-seed".</summary>
    public string Key => KeyOf(Split.Name, Detector.Name, Seed, SeedDependent);

    /// <summary>For progress lines: "stide-6", or "stide-6 [resplit-2]" on another split than the official one.</summary>
    public string Label => Split.Name == DataSplit.Official ? Detector.Name : $"{Detector.Name} [{Split.Name}]";

    public static string KeyOf(string split, string detector, int seed, bool seedDependent) =>
        $"{split}/{detector}/{(seedDependent ? "seed-" + seed.ToString(CultureInfo.InvariantCulture) : "any-seed")}";
}
