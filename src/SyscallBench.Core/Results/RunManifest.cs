using SyscallBench.Core.Running;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Results;

/// <summary>
/// manifest.json: everything needed to say where a run's numbers came from: tool version and git commit,
/// dataset hash and counts, seeds, splits, runtime and package versions, machine, timings, and what each
/// detector unit produced. Written and read only through <see cref="RunFolder"/> (System.Text.Json, snake_case).
/// </summary>
/// <remarks>
/// Properties are written in declaration order. A new section is one more property with a default (null or
/// empty), so manifests written before it still read; <c>required</c> ones must be present, and a manifest
/// without one is refused, naming it.
/// </remarks>
public sealed record RunManifest
{
    /// <summary>2: config.yaml holds absolute paths; 1 (absent): its paths are relative to <see cref="ConfigFile"/>.</summary>
    public int ManifestVersion { get; init; } = 1;

    public required string Experiment { get; init; }

    /// <summary>The run folder's name.</summary>
    public required string RunId { get; init; }

    /// <summary>The experiment file the run was started from (provenance).</summary>
    public required string ConfigFile { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double WallSeconds { get; init; }

    /// <summary>The code that ran.</summary>
    public required ManifestTool Tool { get; init; }

    /// <summary>What was evaluated on.</summary>
    public required ManifestDataset Dataset { get; init; }

    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>The shard, for a run of one shard; null for a whole run.</summary>
    public ManifestShard? Shard { get; init; }

    /// <summary>For a shard, that its metrics are partial and which detectors it holds (<see cref="ShardNote"/>); null for a whole run.</summary>
    public string? Partial { get; init; }

    /// <summary>The splits evaluated on, in plan order (each in full in splits/NAME.json); empty in manifests written before splits existed.</summary>
    public IReadOnlyList<ManifestSplit> Splits { get; init; } = [];

    public required int BootstrapSeed { get; init; }

    /// <summary>The .NET runtime.</summary>
    public required string Runtime { get; init; }

    /// <summary>Versions of the libraries that can influence numbers or files.</summary>
    public required IReadOnlyDictionary<string, string> Packages { get; init; }

    public required ManifestMachine Machine { get; init; }

    public required string CommandLine { get; init; }

    /// <summary>One entry per unit (detector, seed, split), in plan order.</summary>
    public required IReadOnlyList<ManifestDetector> Detectors { get; init; }

    /// <summary>What this code writes.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The manifest of a finished run (or shard).</summary>
    public static RunManifest Of(RunResult result)
    {
        var dataset = result.Dataset;
        var environment = result.Environment;
        return new RunManifest
        {
            ManifestVersion = CurrentVersion,
            Experiment = result.Config.Name,
            RunId = result.RunId,
            ConfigFile = result.Config.SourceFile,
            StartedAt = result.StartedAt,
            WallSeconds = result.WallTime.TotalSeconds,
            Tool = new ManifestTool
            {
                Version = environment.ToolVersion,
                GitCommit = environment.GitCommit ?? ManifestTool.UnknownCommit,
                GitDirty = environment.GitDirty,
            },
            Dataset = new ManifestDataset
            {
                Name = dataset.Name,
                Type = dataset.Provenance.Type,
                Location = dataset.Provenance.Location,
                ContentSha256 = dataset.Provenance.ContentHash,
                Architecture = dataset.Provenance.Architecture,
                TrainTraces = dataset.TrainTraces,
                TrainCalls = dataset.TrainCalls,
                TestNormalTraces = dataset.TestNormalTraces,
                TestAttackTraces = dataset.TestAttackTraces,
                TestCalls = dataset.TestCalls,
                AttackTracesByFamily = dataset.AttackTracesByFamily,
                Notes = dataset.Provenance.Notes,
            },
            Seeds = result.Config.Seeds,
            Shard = result.Shard is { } shard
                ? new ManifestShard { Index = shard.Spec.Index, Count = shard.Spec.Count, Units = shard.UnitKeys, Plan = shard.PlanKeys }
                : null,
            Partial = ShardNote.Of(result),
            Splits = result.Splits.Select(s => new ManifestSplit
            {
                Name = s.Name,
                Protocol = s.Protocol,
                TrainTraces = s.TrainTraces,
                TestNormalTraces = s.TestNormalTraces,
                TestAttackTraces = s.TestAttackTraces,
                TrainSha256 = s.TrainSha256,
                TestSha256 = s.TestSha256,
                LeakedTraces = s.LeakedTraces,
                LeakedAttackTraces = s.LeakedAttackTraces,
                Duplicates = s.Duplicates is { } d ? ManifestDuplicates.Of(d) : null,
            }).ToArray(),
            BootstrapSeed = result.Config.Evaluation.BootstrapSeed,
            Runtime = environment.Runtime,
            Packages = environment.Packages,
            Machine = new ManifestMachine { Os = environment.OperatingSystem, Cpu = environment.Cpu, LogicalCores = environment.ProcessorCount },
            CommandLine = environment.CommandLine,
            Detectors = result.Detectors.Select(r => new ManifestDetector
            {
                Detector = r.Detector,
                Type = r.Type,
                Seed = r.Seed,
                Split = r.Split,
                SeedDependent = r.SeedDependent,
                FitSeconds = r.FitTime.TotalSeconds,
                ScoreSeconds = r.ScoreTime.TotalSeconds,
                ModelDirectory = r.ModelDirectory,
                ModelReused = r.ModelReused,
                ScoresReused = r.ScoresReused,
            }).ToArray(),
        };
    }

    /// <summary>The dataset summary the run result holds.</summary>
    public DatasetSummary ToDatasetSummary() => new(Dataset.Name,
        new DatasetProvenance(Dataset.Type, Dataset.Location, Dataset.ContentSha256, Dataset.Notes, Dataset.Architecture),
        Dataset.TrainTraces, Dataset.TrainCalls, Dataset.TestNormalTraces, Dataset.TestAttackTraces, Dataset.TestCalls,
        Dataset.AttackTracesByFamily);

    /// <summary>The provenance of the run that is not in its config.</summary>
    public RunEnvironment ToEnvironment() => new(Tool.Version, Tool.GitCommit == ManifestTool.UnknownCommit ? null : Tool.GitCommit,
        Tool.GitDirty, Runtime, Machine.Os, Machine.Cpu, Machine.LogicalCores, CommandLine, Packages);

    /// <summary>The shard this run was, or null for a whole run.</summary>
    public ShardRun? ToShardRun() => Shard is { } shard ? new ShardRun(new ShardSpec(shard.Index, shard.Count), shard.Units, shard.Plan) : null;
}

/// <summary>The code a run ran: version (with the git commit it was built from), commit and whether the tree had changes.</summary>
public sealed record ManifestTool
{
    /// <summary>What <see cref="GitCommit"/> says when the run was not started inside a git checkout.</summary>
    public const string UnknownCommit = "unknown";

    public required string Version { get; init; }

    public required string GitCommit { get; init; }

    /// <summary>Null when unknown (no git).</summary>
    public required bool? GitDirty { get; init; }
}

/// <summary>The dataset a run evaluated on: provenance (type, location, content hash, numbering, notes) and counts.</summary>
public sealed record ManifestDataset
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public required string Location { get; init; }

    public required string ContentSha256 { get; init; }

    /// <summary>The syscall numbering ("x86-32", "x86-64"); null when unknown, absent from manifests written before datasets recorded it.</summary>
    public string? Architecture { get; init; }

    public required int TrainTraces { get; init; }

    public required long TrainCalls { get; init; }

    public required int TestNormalTraces { get; init; }

    public required int TestAttackTraces { get; init; }

    public required long TestCalls { get; init; }

    public required IReadOnlyDictionary<string, int> AttackTracesByFamily { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }
}

/// <summary>Which shard a run was (1-based index of count), the keys of the units it ran and of the whole plan.</summary>
public sealed record ManifestShard
{
    public required int Index { get; init; }

    public required int Count { get; init; }

    public required IReadOnlyList<string> Units { get; init; }

    public required IReadOnlyList<string> Plan { get; init; }
}

/// <summary>One split of a run, in short (its trace ids are in splits/NAME.json).</summary>
public sealed record ManifestSplit
{
    public required string Name { get; init; }

    public required string Protocol { get; init; }

    public required int TrainTraces { get; init; }

    public required int TestNormalTraces { get; init; }

    public required int TestAttackTraces { get; init; }

    public required string TrainSha256 { get; init; }

    public required string TestSha256 { get; init; }

    public required int LeakedTraces { get; init; }

    public required int LeakedAttackTraces { get; init; }

    /// <summary>Identical sequences in the split (the groups in full are in splits/NAME.json); absent from manifests written before runs analysed them.</summary>
    public ManifestDuplicates? Duplicates { get; init; }
}

/// <summary>
/// A split's duplicate analysis in short (<see cref="DuplicateAnalysis"/>): test traces identical to a training trace
/// by label, distinct test sequences per label, sequences with both labels, the largest groups of identical test traces.
/// </summary>
public sealed record ManifestDuplicates
{
    public required int TrainCopyNormals { get; init; }

    public required int TrainCopyAttacks { get; init; }

    public required int DistinctNormalSequences { get; init; }

    public required int DistinctAttackSequences { get; init; }

    public required int SequencesWithBothLabels { get; init; }

    /// <summary>Test traces that are in some group (a copy of another test trace or of a training trace).</summary>
    public required int TracesInGroups { get; init; }

    /// <summary>The <see cref="DuplicateAnalysis.LargestGroupsShown"/> largest groups, largest first.</summary>
    public required IReadOnlyList<ManifestDuplicateGroup> LargestGroups { get; init; }

    public static ManifestDuplicates Of(DuplicateAnalysis analysis) => new()
    {
        TrainCopyNormals = analysis.TrainCopyNormals,
        TrainCopyAttacks = analysis.TrainCopyAttacks,
        DistinctNormalSequences = analysis.DistinctNormalSequences,
        DistinctAttackSequences = analysis.DistinctAttackSequences,
        SequencesWithBothLabels = analysis.SequencesWithBothLabels,
        TracesInGroups = analysis.Groups.Sum(g => g.Size),
        LargestGroups = analysis.Largest().Select(g => new ManifestDuplicateGroup
        {
            Traces = g.Size,
            Normal = g.NormalIds.Count,
            Attack = g.AttackIds.Count,
            Calls = g.Length,
            InTraining = g.InTraining,
            Example = g.NormalIds.Concat(g.AttackIds).First(),
        }).ToArray(),
    };
}

/// <summary>One group of identical test traces: how many (by label), their length, whether training has it, one id.</summary>
public sealed record ManifestDuplicateGroup
{
    public required int Traces { get; init; }

    public required int Normal { get; init; }

    public required int Attack { get; init; }

    public required int Calls { get; init; }

    public required bool InTraining { get; init; }

    public required string Example { get; init; }
}

/// <summary>The machine a run ran on.</summary>
public sealed record ManifestMachine
{
    public required string Os { get; init; }

    public required string Cpu { get; init; }

    public required int LogicalCores { get; init; }
}

/// <summary>
/// One unit of a run: a detector fitted with a seed on a split. Fields with defaults are absent from manifests
/// written before they existed (split: official; seed_dependent: true; the reuse flags: false).
/// </summary>
public sealed record ManifestDetector
{
    public required string Detector { get; init; }

    public required string Type { get; init; }

    public required int Seed { get; init; }

    public string Split { get; init; } = DataSplit.Official;

    /// <summary>False: a deterministic detector, fitted once with the first seed, standing for every seed.</summary>
    public bool SeedDependent { get; init; } = true;

    public required double FitSeconds { get; init; }

    public required double ScoreSeconds { get; init; }

    /// <summary>The saved model, relative to the run folder ('/' or the platform's separator); null when models were not saved.</summary>
    public required string? ModelDirectory { get; init; }

    public bool ModelReused { get; init; }

    public bool ScoresReused { get; init; }
}
