using System.Globalization;
using System.Text.Json;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Experiments;

/// <summary>
/// Rebuilds the <see cref="RunResult"/> of a finished run from its folder (config.yaml, manifest.json,
/// scores.csv), so reports can be regenerated without refitting. Evaluations are recomputed from the
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
            var detectors = root.GetProperty("detectors").EnumerateArray().Select(d =>
            {
                var name = d.GetProperty("detector").GetString()!;
                var seed = d.GetProperty("seed").GetInt32();
                var scored = scores.TryGetValue((name, seed), out var list)
                    ? list
                    : throw new SyscallBenchException($"{directory}/scores.csv: no scores for detector '{name}' seed {seed} listed in manifest.json.");
                return new DetectorResult(name, d.GetProperty("type").GetString()!, seed, scored,
                    Evaluator.Evaluate(name, scored, config.Evaluation),
                    TimeSpan.FromSeconds(d.GetProperty("fit_seconds").GetDouble()),
                    TimeSpan.FromSeconds(d.GetProperty("score_seconds").GetDouble()),
                    d.GetProperty("model_directory").GetString(),
                    probeResults.Where(p => p.Detector == name && p.Seed == seed).Select(p => p.Result).ToArray(),
                    d.TryGetProperty("model_reused", out var reused) && reused.GetBoolean());
            }).ToArray();

            return new RunResult(root.GetProperty("run_id").GetString()!,
                config with { SourceFile = root.GetProperty("config_file").GetString()! },
                ReadDataset(root.GetProperty("dataset")), detectors,
                root.GetProperty("started_at").GetDateTimeOffset(),
                TimeSpan.FromSeconds(root.GetProperty("wall_seconds").GetDouble()),
                ReadEnvironment(root));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or JsonException)
        {
            throw new SyscallBenchException($"{directory}: manifest.json or scores.csv is malformed: {e.Message}", e);
        }
    }

    /// <summary>probes.json entries of the known probes; absent file: none.</summary>
    private IReadOnlyList<(string Detector, int Seed, ProbeResult Result)> ReadProbes(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var typeByName = probes.ToDictionary(p => p.Name, p => p.ResultType, StringComparer.Ordinal);
        var results = new List<(string, int, ProbeResult)>();
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
            results.Add((entry.GetProperty("detector").GetString()!, entry.GetProperty("seed").GetInt32(), probe));
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

    /// <summary>scores.csv as written by ScoresCsvExporter: trace,label,family,detector,seed,score, in dataset order.</summary>
    private static Dictionary<(string Detector, int Seed), List<ScoredTrace>> ReadScores(string path)
    {
        var scores = new Dictionary<(string, int), List<ScoredTrace>>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header != "trace,label,family,detector,seed,score")
        {
            throw new SyscallBenchException($"{path}:1: unexpected header '{header}'.");
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            // Trace ids are dataset paths: the last five fields never hold commas, the id may.
            var fields = line.Split(',');
            if (fields.Length < 6)
            {
                throw new SyscallBenchException($"{path}:{lineNumber}: expected 6 fields, found {fields.Length}.");
            }

            var n = fields.Length;
            var id = string.Join(',', fields[..(n - 5)]);
            var label = fields[n - 5] switch
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

            var key = (fields[n - 3], seed);
            if (!scores.TryGetValue(key, out var list))
            {
                scores[key] = list = [];
            }

            list.Add(new ScoredTrace(id, label, fields[n - 4].Length == 0 ? null : fields[n - 4], score));
        }

        return scores;
    }
}
