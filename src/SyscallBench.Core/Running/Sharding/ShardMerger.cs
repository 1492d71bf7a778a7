using SyscallBench.Core.Config;
using SyscallBench.Core.Export;
using SyscallBench.Core.Results;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Running.Sharding;

/// <summary>
/// `merge DIR...`: combines the run folders of the N shards of a sharded run into one run folder, with
/// the same files an unsharded run writes. Shards are read back with <see cref="RunResultReader"/>, so
/// metrics are recomputed from the saved scores with the same (seeded) evaluation: the merged numbers
/// equal the unsharded run's.
/// </summary>
/// <remarks>
/// Refuses (with a message naming the folder) shards of different experiments, configurations, datasets,
/// splits or code versions, a missing or repeated shard, and a unit that is missing or present twice.
/// </remarks>
public sealed class ShardMerger(RunResultReader reader, IReadOnlyList<IResultExporter> exporters)
{
    /// <param name="shardDirectories">The shards' run folders, in any order.</param>
    /// <param name="outputDirectory">The results folder of the merged run; null: the shards' <c>output</c>.</param>
    /// <param name="loadDataset">Loads the dataset for exporters that use traces (the report's overview), or null when unavailable.</param>
    public RunOutcome Merge(IReadOnlyList<string> shardDirectories, string? outputDirectory, Func<RunResult, LabeledDataset?> loadDataset)
    {
        if (shardDirectories.Count == 0)
        {
            throw new SyscallBenchException("merge: give the run folders of every shard.");
        }

        var shards = shardDirectories.Select(d => (Directory: Path.GetFullPath(d), Result: reader.Read(d, summarize: false))).ToArray();
        var first = shards[0];
        foreach (var (directory, result) in shards)
        {
            CheckCompatible(first.Directory, first.Result, directory, result);
        }

        var spec = first.Result.Shard!.Spec;
        var indices = shards.Select(s => s.Result.Shard!.Spec.Index).ToArray();
        var repeated = indices.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (repeated.Length > 0)
        {
            throw new SyscallBenchException($"merge: shard(s) {string.Join(", ", repeated.Select(i => $"{i}/{spec.Count}"))} given more than once.");
        }

        var missing = Enumerable.Range(1, spec.Count).Except(indices).ToArray();
        if (missing.Length > 0)
        {
            throw new SyscallBenchException($"merge: shard(s) {string.Join(", ", missing.Select(i => $"{i}/{spec.Count}"))} missing; give all {spec.Count} shard folders.");
        }

        var byKey = new Dictionary<string, (string Directory, DetectorResult Result)>(StringComparer.Ordinal);
        foreach (var (directory, result) in shards)
        {
            foreach (var detector in result.Detectors)
            {
                if (!byKey.TryAdd(detector.UnitKey, (directory, detector)))
                {
                    throw new SyscallBenchException($"merge: unit {detector.UnitKey} is in {byKey[detector.UnitKey].Directory} and in {directory}.");
                }
            }
        }

        var plan = first.Result.Shard!.PlanKeys;
        var absent = plan.Where(k => !byKey.ContainsKey(k)).ToArray();
        if (absent.Length > 0 || byKey.Count != plan.Count)
        {
            throw new SyscallBenchException($"merge: the shards do not cover the plan exactly; missing unit(s): {string.Join(", ", absent.Take(5))}" +
                $"{(absent.Length > 5 ? $" and {absent.Length - 5} more" : "")}; units outside the plan: {byKey.Count + absent.Length - plan.Count}.");
        }

        var config = outputDirectory is null ? first.Result.Config : first.Result.Config with { OutputDirectory = outputDirectory };
        var startedAt = shards.Min(s => s.Result.StartedAt);
        var endedAt = shards.Max(s => s.Result.StartedAt + s.Result.WallTime);
        using var runDirectory = RunDirectory.Create(config.OutputDirectory, config.Name, DateTimeOffset.UtcNow,
            config.Datasets.Count == 1 && first.Result.RunId.EndsWith("-" + config.Dataset.Name + "-" + spec.Name, StringComparison.Ordinal)
                ? config.Dataset.Name
                : null);
        foreach (var (directory, detector) in byKey.Values.Where(v => v.Result.ModelDirectory is not null))
        {
            CopyDirectory(Path.Combine(directory, detector.ModelDirectory!), runDirectory.PathOf(detector.ModelDirectory!));
        }

        var merged = new RunResult(runDirectory.RunId, config, first.Result.Dataset, plan.Select(k => byKey[k].Result).ToArray(),
            startedAt, endedAt - startedAt, first.Result.Environment)
        {
            Splits = first.Result.Splits,
        }.Summarized();
        var failures = RunExport.Write(exporters, merged, loadDataset(merged), runDirectory.PartialPath);
        runDirectory.Commit();
        return new RunOutcome(merged, runDirectory.FinalPath, failures);
    }

    private static void CheckCompatible(string firstDirectory, RunResult first, string directory, RunResult result)
    {
        void Require(bool same, string what)
        {
            if (!same)
            {
                throw new SyscallBenchException($"merge: {directory} and {firstDirectory} differ in {what}; shards must come from the same experiment, data and code.");
            }
        }

        if (result.Shard is null)
        {
            throw new SyscallBenchException($"merge: {directory} is a whole run, not a shard (its manifest.json has no shard); run with --shard i/N.");
        }

        Require(result.Shard.Spec.Count == first.Shard!.Spec.Count, "the number of shards");
        Require(ComparableConfig(result.Config) == ComparableConfig(first.Config), "the experiment configuration (config.yaml)");
        Require(result.Dataset.Provenance.ContentHash == first.Dataset.Provenance.ContentHash, "the dataset (content hash)");
        Require(result.Environment.ToolVersion == first.Environment.ToolVersion && result.Environment.GitCommit == first.Environment.GitCommit,
            "the code version (tool version and git commit)");
        Require(result.Splits.Select(s => (s.Name, s.TrainSha256, s.TestSha256)).SequenceEqual(first.Splits.Select(s => (s.Name, s.TrainSha256, s.TestSha256))),
            "the splits (names and content hashes)");
        Require(result.Shard.PlanKeys.SequenceEqual(first.Shard.PlanKeys, StringComparer.Ordinal), "the plan of units");
        Require(result.Detectors.Select(d => d.UnitKey).SequenceEqual(result.Shard.UnitKeys, StringComparer.Ordinal),
            "nothing: but its results do not match the units its manifest lists");
    }

    /// <summary>The resolved config without what may differ between shards of one run: where results go and how many units run at once.</summary>
    private static string ComparableConfig(ExperimentConfig config)
    {
        var yaml = ConfigExporter.ToYaml(config with { OutputDirectory = "", Parallel = 1 });
        return yaml[(yaml.IndexOf('\n') + 1)..]; // the first line names the source file
    }

    private static void CopyDirectory(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            throw new SyscallBenchException($"merge: {source} is missing; the shard's manifest.json lists a model there.");
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
