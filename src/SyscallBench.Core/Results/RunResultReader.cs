using System.Globalization;
using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Export;
using SyscallBench.Core.Probes;
using SyscallBench.Core.Running;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Results;

/// <summary>
/// Rebuilds the <see cref="RunResult"/> of a finished run (or shard) from its folder (config.yaml,
/// manifest.json, scores.csv, splits/), so reports can be regenerated and shards merged without refitting. Evaluations are recomputed from the
/// saved scores with the saved evaluation settings; the bootstrap is seeded, so they equal the original.
/// </summary>
/// <remarks>Probe results are read back from probes.json for the probes given (matched by name).</remarks>
public sealed class RunResultReader(ExperimentConfigReader configReader, IReadOnlyList<IDetectorProbe> probes)
{
    public RunResult Read(string runDirectory)
    {
        var directory = Path.GetFullPath(runDirectory);
        foreach (var required in new[] { "config.yaml", "manifest.json", "scores.csv" })
        {
            if (!File.Exists(Path.Combine(directory, required)))
            {
                throw new SyscallBenchException($"{directory}: not a complete run folder ({required} is missing).");
            }
        }

        var config = configReader.ReadFile(Path.Combine(directory, "config.yaml"));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")));
        var root = manifest.RootElement;
        try
        {
            var scores = ReadScores(Path.Combine(directory, "scores.csv"));
            var probeResults = ReadProbes(Path.Combine(directory, "probes.json"));
            var overTime = ReadOverTime(Path.Combine(directory, OverTimeJsonExporter.FileName));
            var detectors = root.GetProperty("detectors").EnumerateArray().Select(d =>
            {
                var name = d.GetProperty("detector").GetString()!;
                var seed = d.GetProperty("seed").GetInt32();
                // Runs written before splits existed have one split, the official one.
                var split = d.TryGetProperty("split", out var splitName) ? splitName.GetString()! : DataSplit.Official;
                var scored = scores.TryGetValue((split, name, seed), out var list)
                    ? list
                    : throw new SyscallBenchException($"{directory}/scores.csv: no scores for detector '{name}' seed {seed} split '{split}' listed in manifest.json.");
                return new DetectorResult(name, d.GetProperty("type").GetString()!, seed, scored,
                    Evaluator.Evaluate(name, scored, config.Evaluation),
                    TimeSpan.FromSeconds(d.GetProperty("fit_seconds").GetDouble()),
                    TimeSpan.FromSeconds(d.GetProperty("score_seconds").GetDouble()),
                    d.GetProperty("model_directory").GetString(),
                    probeResults.Where(p => p.Detector == name && p.Seed == seed && p.Split == split).Select(p => p.Result).ToArray(),
                    d.TryGetProperty("model_reused", out var reused) && reused.GetBoolean(),
                    split,
                    !d.TryGetProperty("seed_dependent", out var seedDependent) || seedDependent.GetBoolean(),
                    d.TryGetProperty("scores_reused", out var scoresReused) && scoresReused.GetBoolean())
                {
                    OverTime = overTime.GetValueOrDefault((split, name, seed)),
                };
            }).ToArray();

            return new RunResult(root.GetProperty("run_id").GetString()!,
                config with { SourceFile = root.GetProperty("config_file").GetString()! },
                ReadDataset(root.GetProperty("dataset")), detectors,
                root.GetProperty("started_at").GetDateTimeOffset(),
                TimeSpan.FromSeconds(root.GetProperty("wall_seconds").GetDouble()),
                ReadEnvironment(root))
            {
                Splits = ReadSplits(Path.Combine(directory, "splits"), root),
                Shard = root.TryGetProperty("shard", out var shard) && shard.ValueKind == JsonValueKind.Object
                    ? new ShardRun(new ShardSpec(shard.GetProperty("index").GetInt32(), shard.GetProperty("count").GetInt32()),
                        shard.GetProperty("units").EnumerateArray().Select(u => u.GetString()!).ToArray(),
                        shard.GetProperty("plan").EnumerateArray().Select(u => u.GetString()!).ToArray())
                    : null,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or JsonException)
        {
            throw new SyscallBenchException($"{directory}: manifest.json or scores.csv is malformed: {e.Message}", e);
        }
    }

    /// <summary>splits/&lt;name&gt;.json of the splits manifest.json lists, in its (the plan's) order; none for older runs.</summary>
    private static IReadOnlyList<SplitManifest> ReadSplits(string folder, JsonElement root)
    {
        if (!root.TryGetProperty("splits", out var splits))
        {
            return [];
        }

        return splits.EnumerateArray()
            .Select(s => Path.Combine(folder, s.GetProperty("name").GetString()! + ".json"))
            .Select(path => File.Exists(path)
                ? JsonSerializer.Deserialize<SplitManifest>(File.ReadAllText(path), JsonFile.Options)
                    ?? throw new SyscallBenchException($"{path}: empty split manifest.")
                : throw new SyscallBenchException($"{path}: missing; manifest.json lists this split."))
            .ToArray();
    }

    /// <summary>over_time.json's evaluations by (split, detector, seed); absent file (other datasets, older runs): none.</summary>
    private static Dictionary<(string Split, string Detector, int Seed), OverTimeEvaluation> ReadOverTime(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var file = JsonSerializer.Deserialize<OverTimeFile>(File.ReadAllText(path), JsonFile.Options)
            ?? throw new SyscallBenchException($"{path}: empty file.");
        return file.Results.ToDictionary(r => (r.Split, r.Detector, r.Seed), r => r.OverTime);
    }

    /// <summary>probes.json entries of the known probes; absent file: none.</summary>
    private IReadOnlyList<(string Detector, int Seed, string Split, ProbeResult Result)> ReadProbes(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var typeByName = probes.ToDictionary(p => p.Name, p => p.ResultType, StringComparer.Ordinal);
        var results = new List<(string, int, string, ProbeResult)>();
        foreach (var entry in json.RootElement.GetProperty("probes").EnumerateArray())
        {
            var result = entry.GetProperty("result");
            var name = result.GetProperty("probe").GetString()!;
            if (!typeByName.TryGetValue(name, out var type))
            {
                throw new SyscallBenchException($"{path}: unknown probe '{name}'; known: {string.Join(", ", typeByName.Keys)}.");
            }

            var probe = (ProbeResult)(result.Deserialize(type, Export.JsonFile.Options)
                ?? throw new SyscallBenchException($"{path}: empty result of probe '{name}'."));
            var split = entry.TryGetProperty("split", out var splitName) ? splitName.GetString()! : DataSplit.Official;
            results.Add((entry.GetProperty("detector").GetString()!, entry.GetProperty("seed").GetInt32(), split, probe));
        }

        return results;
    }

    private static DatasetSummary ReadDataset(JsonElement dataset) => new(
        dataset.GetProperty("name").GetString()!,
        new DatasetProvenance(
            dataset.GetProperty("type").GetString()!,
            dataset.GetProperty("location").GetString()!,
            dataset.GetProperty("content_sha256").GetString()!,
            dataset.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToArray(),
            // Absent in manifests written before datasets said their numbering.
            dataset.TryGetProperty("architecture", out var architecture) ? architecture.GetString() : null),
        dataset.GetProperty("train_traces").GetInt32(),
        dataset.GetProperty("train_calls").GetInt64(),
        dataset.GetProperty("test_normal_traces").GetInt32(),
        dataset.GetProperty("test_attack_traces").GetInt32(),
        dataset.GetProperty("test_calls").GetInt64(),
        dataset.GetProperty("attack_traces_by_family").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));

    private static RunEnvironment ReadEnvironment(JsonElement root)
    {
        var tool = root.GetProperty("tool");
        var machine = root.GetProperty("machine");
        var commit = tool.GetProperty("git_commit").GetString();
        var dirty = tool.GetProperty("git_dirty");
        return new RunEnvironment(
            tool.GetProperty("version").GetString()!,
            commit == "unknown" ? null : commit,
            dirty.ValueKind == JsonValueKind.Null ? null : dirty.GetBoolean(),
            root.GetProperty("runtime").GetString()!,
            machine.GetProperty("os").GetString()!,
            machine.GetProperty("cpu").GetString()!,
            machine.GetProperty("logical_cores").GetInt32(),
            root.GetProperty("command_line").GetString()!,
            root.GetProperty("packages").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }

    /// <summary>
    /// scores.csv as written by ScoresCsvExporter: trace,label,family,split,detector,seed,score, in dataset
    /// order; runs written before splits existed lack the split column (all official).
    /// </summary>
    private static Dictionary<(string Split, string Detector, int Seed), List<ScoredTrace>> ReadScores(string path)
    {
        var scores = new Dictionary<(string, string, int), List<ScoredTrace>>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        var hasSplit = header == "trace,label,family,split,detector,seed,score";
        if (!hasSplit && header != "trace,label,family,detector,seed,score")
        {
            throw new SyscallBenchException($"{path}:1: unexpected header '{header}'.");
        }

        var trailing = hasSplit ? 6 : 5;

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            // Trace ids are dataset paths: the trailing fields never hold commas, the id may.
            var fields = line.Split(',');
            if (fields.Length < trailing + 1)
            {
                throw new SyscallBenchException($"{path}:{lineNumber}: expected {trailing + 1} fields, found {fields.Length}.");
            }

            var n = fields.Length;
            var id = string.Join(',', fields[..(n - trailing)]);
            var label = fields[n - trailing] switch
            {
                "attack" => TraceLabel.Attack,
                "normal" => TraceLabel.Normal,
                var other => throw new SyscallBenchException($"{path}:{lineNumber}: unknown label '{other}'."),
            };
            if (!int.TryParse(fields[n - 2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
                || !double.TryParse(fields[n - 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                throw new SyscallBenchException($"{path}:{lineNumber}: seed or score is not a number.");
            }

            var key = (hasSplit ? fields[n - 4] : DataSplit.Official, fields[n - 3], seed);
            if (!scores.TryGetValue(key, out var list))
            {
                scores[key] = list = [];
            }

            var family = fields[n - trailing + 1];
            list.Add(new ScoredTrace(id, label, family.Length == 0 ? null : family, score));
        }

        return scores;
    }
}
