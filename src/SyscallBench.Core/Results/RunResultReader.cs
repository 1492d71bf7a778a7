using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Export;
using SyscallBench.Core.Probes;
using SyscallBench.Core.Splits;

namespace SyscallBench.Core.Results;

/// <summary>
/// Rebuilds the <see cref="RunResult"/> of a finished run (or shard) from its folder (config.yaml,
/// manifest.json, scores.csv, splits/, probes.json; see <see cref="RunFolder"/>), so reports can be regenerated
/// and shards merged without refitting. Evaluations are recomputed from the saved scores with the saved
/// evaluation settings; the bootstrap is seeded, so they equal the original, and so does the summary.
/// </summary>
/// <remarks>
/// Probe results are read back from probes.json for the probes given (matched by name). A damaged file is
/// refused with a <see cref="SyscallBenchException"/> naming it.
/// </remarks>
public sealed class RunResultReader(ExperimentConfigReader configReader, IReadOnlyList<IDetectorProbe> probes)
{
    /// <param name="runDirectory">The run folder.</param>
    /// <param name="summarize">Build the result's <see cref="RunResult.Summary"/>; false for results that are only
    /// combined into another (shards about to be merged), which is summarized instead.</param>
    public RunResult Read(string runDirectory, bool summarize = true)
    {
        var folder = RunFolder.Open(runDirectory);
        var manifest = folder.ReadManifest();
        var config = folder.ReadConfig(configReader, manifest);
        var splits = folder.ReadSplits(manifest);
        var scores = ScoresCsv.Read(folder.Scores);
        var probeResults = ReadProbes(folder.Probes);
        var overTime = ReadOverTime(folder.OverTime);
        var detectors = manifest.Detectors.Select(d =>
        {
            var scored = scores.TryGetValue((d.Split, d.Detector, d.Seed), out var list)
                ? list
                : throw new SyscallBenchException($"{folder.Scores}: no scores for detector '{d.Detector}' seed {d.Seed} split '{d.Split}' "
                    + $"listed in {RunFolder.ManifestFileName}.");
            // Runs written before split manifests existed list none: their one split is evaluated on all test traces.
            var split = splits.FirstOrDefault(s => s.Name == d.Split);
            var (evaluation, otherTestSets) = TestSetEvaluations.Evaluate(d.Detector, scored, config.Evaluation, split);
            return new DetectorResult(d.Detector, d.Type, d.Seed, scored,
                evaluation,
                TimeSpan.FromSeconds(d.FitSeconds),
                TimeSpan.FromSeconds(d.ScoreSeconds),
                d.ModelDirectory,
                probeResults.Where(p => p.Detector == d.Detector && p.Seed == d.Seed && p.Split == d.Split).Select(p => p.Result).ToArray(),
                d.ModelReused,
                d.Split,
                d.SeedDependent,
                d.ScoresReused)
            {
                OverTime = overTime.GetValueOrDefault((d.Split, d.Detector, d.Seed)),
                OtherTestSets = otherTestSets,
            };
        }).ToArray();

        var result = new RunResult(manifest.RunId, config, manifest.ToDatasetSummary(), detectors, manifest.StartedAt,
            TimeSpan.FromSeconds(manifest.WallSeconds), manifest.ToEnvironment())
        {
            Splits = splits,
            Shard = ShardOf(folder, manifest),
        };
        return summarize ? result.Summarized() : result;
    }

    private static Running.Sharding.ShardRun? ShardOf(RunFolder folder, RunManifest manifest)
    {
        try
        {
            return manifest.ToShardRun();
        }
        catch (ArgumentException e)
        {
            throw new SyscallBenchException($"{folder.Manifest}: shard: {e.Message}", e);
        }
    }

    /// <summary>over_time.json's evaluations by (split, detector, seed); absent file (other datasets, older runs): none.</summary>
    private static Dictionary<(string Split, string Detector, int Seed), OverTimeEvaluation> ReadOverTime(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var file = JsonSerializer.Deserialize<OverTimeFile>(File.ReadAllText(path), JsonFile.Options)
                ?? throw new SyscallBenchException($"{path}: empty file.");
            return file.Results.ToDictionary(r => (r.Split, r.Detector, r.Seed), r => r.OverTime);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NullReferenceException)
        {
            throw new SyscallBenchException($"{path}: damaged ({e.Message.Split('\n')[0]}); run the experiment again.", e);
        }
    }

    /// <summary>probes.json entries of the known probes; absent file: none.</summary>
    private IReadOnlyList<(string Detector, int Seed, string Split, ProbeResult Result)> ReadProbes(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return ReadProbeEntries(path);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new SyscallBenchException($"{path}: not a valid probes file: {e.Message}", e);
        }
    }

    private IReadOnlyList<(string Detector, int Seed, string Split, ProbeResult Result)> ReadProbeEntries(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var typeByName = probes.ToDictionary(p => p.Name, p => p.ResultType, StringComparer.Ordinal);
        var results = new List<(string, int, string, ProbeResult)>();
        // Each entry's result is the JSON of its probe's own result type, so entries are read one by one.
        foreach (var entry in json.RootElement.GetProperty("probes").EnumerateArray())
        {
            var result = entry.GetProperty("result");
            var name = result.GetProperty("probe").GetString()!;
            if (!typeByName.TryGetValue(name, out var type))
            {
                throw new SyscallBenchException($"{path}: unknown probe '{name}'; known: {string.Join(", ", typeByName.Keys)}.");
            }

            var probe = (ProbeResult)(result.Deserialize(type, JsonFile.Options)
                ?? throw new SyscallBenchException($"{path}: empty result of probe '{name}'."));
            var split = entry.TryGetProperty("split", out var splitName) ? splitName.GetString()! : DataSplit.Official;
            results.Add((entry.GetProperty("detector").GetString()!, entry.GetProperty("seed").GetInt32(), split, probe));
        }

        return results;
    }
}
