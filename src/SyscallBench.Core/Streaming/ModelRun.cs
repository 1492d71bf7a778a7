using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Export;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Streaming;

/// <summary>
/// The run a saved model belongs to (RUN_DIR/models/[SPLIT/]NAME[/seed-N]): its experiment config and
/// dataset, which say how the model's syscalls are numbered, and the split the model was fitted on, whose
/// test normals are the normal traces it was not fitted on.
/// </summary>
public sealed class ModelRun
{
    private readonly ExperimentConfig _config;

    /// <summary>model_directory (relative to the run folder, '/'-separated) to the split its model was fitted on.</summary>
    private readonly IReadOnlyDictionary<string, string> _splitOfModel;

    private ModelRun(string directory, ExperimentConfig config, string datasetType, string datasetHash, string? architecture,
        IReadOnlyDictionary<string, string> splitOfModel)
    {
        Directory = directory;
        _config = config;
        DatasetType = datasetType;
        DatasetHash = datasetHash;
        Architecture = architecture;
        _splitOfModel = splitOfModel;
    }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>The dataset type the model was fitted on ("adfa-ld", "trace-folder", ...).</summary>
    public string DatasetType { get; }

    /// <summary>The dataset's content hash from manifest.json.</summary>
    public string DatasetHash { get; }

    /// <summary>The dataset's syscall numbering from manifest.json ("x86-32", "x86-64"); null when unknown or made up.</summary>
    public string? Architecture { get; }

    /// <summary>The run folder of a model folder, or null when the model is not inside one.</summary>
    public static string? FindDirectory(string modelDirectory)
    {
        // models/NAME: two levels up; models/NAME/seed-N or models/SPLIT/NAME: three; models/SPLIT/NAME/seed-N: four.
        var directory = new DirectoryInfo(Path.GetFullPath(modelDirectory));
        for (var up = 0; up < 4 && directory is not null; up++, directory = directory.Parent)
        {
            if (directory.Name == "models" && directory.Parent is { } run
                && File.Exists(Path.Combine(run.FullName, "config.yaml")) && File.Exists(Path.Combine(run.FullName, "manifest.json")))
            {
                return run.FullName;
            }
        }

        return null;
    }

    public static ModelRun Read(string runDirectory, ExperimentConfigReader configReader)
    {
        var manifestPath = Path.Combine(runDirectory, "manifest.json");
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
            var root = manifest.RootElement;
            var dataset = root.GetProperty("dataset");
            // Dataset paths in config.yaml are relative to the original experiment file, as when it ran.
            var config = configReader.ReadFile(Path.Combine(runDirectory, "config.yaml"))
                with { SourceFile = root.GetProperty("config_file").GetString()! };
            // Manifests written before splits existed have no split: their one split is the official one.
            var splitOfModel = root.GetProperty("detectors").EnumerateArray()
                .Where(d => d.TryGetProperty("model_directory", out var model) && model.ValueKind == JsonValueKind.String)
                .ToDictionary(d => d.GetProperty("model_directory").GetString()!.Replace('\\', '/'),
                    d => d.TryGetProperty("split", out var split) ? split.GetString()! : DataSplit.Official, StringComparer.Ordinal);
            return new ModelRun(runDirectory, config, dataset.GetProperty("type").GetString()!,
                dataset.GetProperty("content_sha256").GetString()!,
                dataset.TryGetProperty("architecture", out var architecture) ? architecture.GetString() : null, splitOfModel);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or JsonException)
        {
            throw new SyscallBenchException($"{manifestPath}: malformed manifest: {e.Message}", e);
        }
    }

    /// <summary>
    /// The numbering of the model's syscall numbers: the dataset's architecture recorded in manifest.json, else
    /// what the dataset type fixes (the generated datasets: made-up numbers; ADFA-LD, in manifests written
    /// before datasets recorded their architecture: x86-32); null when unknown.
    /// </summary>
    public SyscallNumbering? Numbering => SyscallNames.ForArchitecture(Architecture ?? "") switch
    {
        { } table when table == SyscallNames.X86_64 => SyscallNumbering.X86_64,
        { } table when table == SyscallNames.X86_32 => SyscallNumbering.X86_32,
        _ => DatasetType switch
        {
            "synthetic" or "generalization" => SyscallNumbering.Synthetic,
            "adfa-ld" => SyscallNumbering.X86_32,
            _ => null,
        },
    };

    /// <summary>
    /// The split a model of this run was fitted on ("official", "resplit-2", "official-train-100"), from the
    /// model_directory entries of manifest.json: the folder layout alone cannot say, since a run with one split
    /// (a single re-split too) leaves the split level out.
    /// </summary>
    public string SplitOf(string modelDirectory)
    {
        var relative = Path.GetRelativePath(Directory, Path.GetFullPath(modelDirectory)).Replace('\\', '/').TrimEnd('/');
        return _splitOfModel.TryGetValue(relative, out var split)
            ? split
            : throw new SyscallBenchException($"{modelDirectory}: manifest.json of run {Directory} lists no model at {relative}, so the split it "
                + "was fitted on is unknown; give --calibrate FOLDER with known-normal traces.");
    }

    /// <summary>
    /// The normal traces of a split's test side (splits/SPLIT.json's test ids): the model of that split was
    /// not fitted on them. A re-split draws its test normals from all of the dataset's normals, so they are
    /// not the dataset's own test normals, most of which such a model was fitted on.
    /// </summary>
    public IReadOnlyList<Trace> LoadTestNormals(string split, IProgress<string>? status = null)
    {
        var dataset = _config.LoadDataset(_config.Dataset, status);
        if (dataset.Provenance.ContentHash != DatasetHash)
        {
            throw new SyscallBenchException($"{Directory}: the dataset at {dataset.Provenance.Location} has changed since the run "
                + $"(content hash {dataset.Provenance.ContentHash[..12]}..., the run had {DatasetHash[..12]}...); calibrate with --calibrate FOLDER instead.");
        }

        var manifestPath = Path.Combine(Directory, "splits", split + ".json");
        if (!File.Exists(manifestPath))
        {
            // Runs written before splits existed had only the official split, and no splits/ folder.
            return split == DataSplit.Official
                ? dataset.Test.Where(t => !t.IsAttack).ToArray()
                : throw new SyscallBenchException($"{manifestPath}: missing, so the test traces of split '{split}' are unknown; give --calibrate FOLDER instead.");
        }

        SplitManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<SplitManifest>(File.ReadAllText(manifestPath), JsonFile.Options)
                ?? throw new SyscallBenchException($"{manifestPath}: empty split manifest.");
        }
        catch (JsonException e)
        {
            throw new SyscallBenchException($"{manifestPath}: malformed split manifest: {e.Message}", e);
        }

        var testIds = manifest.TestIds.ToHashSet(StringComparer.Ordinal);
        var normals = dataset.Train.Concat(dataset.Test).Where(t => !t.IsAttack && testIds.Contains(t.Id)).ToArray();
        return normals.Length == manifest.TestNormalTraces
            ? normals
            : throw new SyscallBenchException($"{manifestPath}: lists {manifest.TestNormalTraces} normal test traces, but {normals.Length} of its "
                + "test ids are normal traces of the dataset; calibrate with --calibrate FOLDER instead.");
    }
}

/// <summary>Which syscall table a set of numbers follows.</summary>
public enum SyscallNumbering
{
    /// <summary>32-bit x86 Linux (ADFA-LD).</summary>
    X86_32,

    /// <summary>64-bit x86 Linux (strace on x86-64).</summary>
    X86_64,

    /// <summary>Made-up numbers of a generated dataset.</summary>
    Synthetic,
}
