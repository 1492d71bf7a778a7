using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>
/// manifest.json: everything needed to say where a number came from: tool version and git commit,
/// dataset hash and counts, seeds, runtime and package versions, machine, and timings.
/// </summary>
public sealed class ManifestExporter : IResultExporter
{
    public string Name => "manifest.json";

    public void Export(RunResult result, string directory)
    {
        var dataset = result.Dataset;
        var environment = result.Environment;
        JsonFile.Save(new
        {
            experiment = result.Config.Name,
            run_id = result.RunId,
            config_file = result.Config.SourceFile,
            started_at = result.StartedAt,
            wall_seconds = result.WallTime.TotalSeconds,
            tool = new { version = environment.ToolVersion, git_commit = environment.GitCommit ?? "unknown", git_dirty = environment.GitDirty },
            dataset = new
            {
                name = dataset.Name,
                type = dataset.Provenance.Type,
                location = dataset.Provenance.Location,
                content_sha256 = dataset.Provenance.ContentHash,
                architecture = dataset.Provenance.Architecture,
                train_traces = dataset.TrainTraces,
                train_calls = dataset.TrainCalls,
                test_normal_traces = dataset.TestNormalTraces,
                test_attack_traces = dataset.TestAttackTraces,
                test_calls = dataset.TestCalls,
                attack_traces_by_family = dataset.AttackTracesByFamily,
                notes = dataset.Provenance.Notes,
            },
            seeds = result.Config.Seeds,
            shard = result.Shard is { } shard
                ? new { index = shard.Spec.Index, count = shard.Spec.Count, units = shard.UnitKeys, plan = shard.PlanKeys }
                : null,
            splits = result.Splits.Select(s => new
            {
                name = s.Name,
                protocol = s.Protocol,
                train_traces = s.TrainTraces,
                test_normal_traces = s.TestNormalTraces,
                test_attack_traces = s.TestAttackTraces,
                train_sha256 = s.TrainSha256,
                test_sha256 = s.TestSha256,
                leaked_traces = s.LeakedTraces,
                leaked_attack_traces = s.LeakedAttackTraces,
            }),
            bootstrap_seed = result.Config.Evaluation.BootstrapSeed,
            runtime = environment.Runtime,
            packages = environment.Packages,
            machine = new { os = environment.OperatingSystem, cpu = environment.Cpu, logical_cores = environment.ProcessorCount },
            command_line = environment.CommandLine,
            detectors = result.Detectors.Select(r => new
            {
                detector = r.Detector,
                type = r.Type,
                seed = r.Seed,
                split = r.Split,
                seed_dependent = r.SeedDependent,
                fit_seconds = r.FitTime.TotalSeconds,
                score_seconds = r.ScoreTime.TotalSeconds,
                model_directory = r.ModelDirectory,
                model_reused = r.ModelReused,
                scores_reused = r.ScoresReused,
            }),
        }, Path.Combine(directory, "manifest.json"));
    }
}
