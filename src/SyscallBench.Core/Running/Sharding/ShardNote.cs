using SyscallBench.Core.Results;

namespace SyscallBench.Core.Running.Sharding;

/// <summary>
/// What a shard's folder says about itself wherever its numbers appear (manifest.json, metrics.json, the console table,
/// a report of it): it is partial, which shard, and which detectors it holds, so its metrics and comparisons over a subset
/// of the detectors are never read as the run's.
/// </summary>
public static class ShardNote
{
    /// <summary>"partial: shard 1 of 2 (3 of 6 units), detectors stide-6, ngram-3 of the experiment's 5; `merge` the 2 shard folders for the
    /// whole run"; null for a whole run.</summary>
    public static string? Of(RunResult result)
    {
        if (result.Shard is not { } shard)
        {
            return null;
        }

        var held = result.Detectors.Select(d => d.Detector).Distinct(StringComparer.Ordinal).ToArray();
        var count = shard.Spec.Count;
        return $"partial: shard {shard.Spec.Index} of {count} ({shard.UnitKeys.Count} of {shard.PlanKeys.Count} units), "
            + (held.Length == 0 ? "no detectors" : $"{(held.Length == 1 ? "detector" : "detectors")} {string.Join(", ", held)}")
            + $" of the experiment's {result.Config.Detectors.Count}; `merge` the {count} shard folders for the whole run";
    }
}
