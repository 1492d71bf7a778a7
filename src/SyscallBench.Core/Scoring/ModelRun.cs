using System.Text.Json;
using SyscallBench.Core.Experiments;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Scoring;

/// <summary>
/// The run a saved model belongs to (RUN_DIR/models/NAME or RUN_DIR/models/NAME/seed-N): its experiment
/// config and dataset, which say how the model's syscalls are numbered and which normal traces it was
/// not fitted on.
/// </summary>
public sealed class ModelRun
{
    private readonly ExperimentConfig _config;

    private ModelRun(string directory, ExperimentConfig config, string datasetType, string datasetHash, string? architecture)
    {
        Directory = directory;
        _config = config;
        DatasetType = datasetType;
        DatasetHash = datasetHash;
        Architecture = architecture;
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
        // models/NAME: two levels up; models/NAME/seed-N: three.
        var directory = new DirectoryInfo(Path.GetFullPath(modelDirectory));
        for (var up = 0; up < 3 && directory is not null; up++, directory = directory.Parent)
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
            return new ModelRun(runDirectory, config, dataset.GetProperty("type").GetString()!,
                dataset.GetProperty("content_sha256").GetString()!,
                dataset.TryGetProperty("architecture", out var architecture) ? architecture.GetString() : null);
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

    /// <summary>The normal traces of the run's test split: never used for fitting.</summary>
    public IReadOnlyList<Trace> LoadTestNormals(IProgress<string>? status = null)
    {
        var dataset = _config.LoadDataset(_config.Dataset, status);
        if (dataset.Provenance.ContentHash != DatasetHash)
        {
            throw new SyscallBenchException($"{Directory}: the dataset at {dataset.Provenance.Location} has changed since the run "
                + $"(content hash {dataset.Provenance.ContentHash[..12]}..., the run had {DatasetHash[..12]}...); calibrate with --calibrate FOLDER instead.");
        }

        return dataset.Test.Where(t => !t.IsAttack).ToArray();
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
