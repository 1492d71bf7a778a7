using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets.LidDs;
using SyscallBench.Core.Results;
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
    private readonly RunFolder _folder;
    private readonly ExperimentConfig _config;

    /// <summary>model_directory (relative to the run folder, '/'-separated) to the split its model was fitted on.</summary>
    private readonly IReadOnlyDictionary<string, string> _splitOfModel;

    private ModelRun(RunFolder folder, ExperimentConfig config, RunManifest manifest)
    {
        _folder = folder;
        _config = config;
        DatasetType = manifest.Dataset.Type;
        DatasetHash = manifest.Dataset.ContentSha256;
        Architecture = manifest.Dataset.Architecture;
        _splitOfModel = manifest.Detectors
            .Where(d => d.ModelDirectory is not null)
            .ToDictionary(d => d.ModelDirectory!.Replace('\\', '/'), d => d.Split, StringComparer.Ordinal);
    }

    /// <summary>The run folder.</summary>
    public string Directory => _folder.Path;

    /// <summary>The dataset type the model was fitted on ("adfa-ld", "trace-folder", ...).</summary>
    public string DatasetType { get; }

    /// <summary>The dataset's content hash from manifest.json.</summary>
    public string DatasetHash { get; }

    /// <summary>How the run read its recordings into streams (a lid-ds dataset); null for datasets of traces.</summary>
    public ScStreams? RecordingStreams => _config.Dataset.Options is LidDsOptions o ? new ScStreams(o.Streams, o.Direction) : null;

    /// <summary>The dataset's syscall numbering from manifest.json ("x86-32", "x86-64"); null when unknown or made up.</summary>
    public string? Architecture { get; }

    /// <summary>The run a model folder belongs to, or null when the model is not inside a run folder.</summary>
    /// <exception cref="SyscallBenchException">The run folder's manifest.json or config.yaml is damaged (the message names it).</exception>
    public static ModelRun? Of(string modelDirectory, ExperimentConfigReader configReader) =>
        RunFolder.Containing(modelDirectory) is { } folder ? Read(folder, configReader) : null;

    public static ModelRun Read(RunFolder folder, ExperimentConfigReader configReader)
    {
        var manifest = folder.ReadManifest();
        return new ModelRun(folder, folder.ReadConfig(configReader, manifest), manifest);
    }

    /// <summary>
    /// The numbering of the model's syscall numbers: the dataset's architecture recorded in manifest.json, else
    /// what the dataset type fixes (the generated datasets: made-up numbers; ADFA-LD, in manifests written
    /// before datasets recorded their architecture: x86-32); null when unknown.
    /// </summary>
    public SyscallNumbering? Numbering => NumberingOf(Architecture, DatasetType);

    /// <summary>The numbering of a dataset's syscall numbers: its architecture, else what its type fixes (<see cref="Numbering"/>); null when unknown.</summary>
    public static SyscallNumbering? NumberingOf(string? architecture, string datasetType) => SyscallNames.ForArchitecture(architecture ?? "") switch
    {
        { } table when table == SyscallNames.X86_64 => SyscallNumbering.X86_64,
        { } table when table == SyscallNames.X86_32 => SyscallNumbering.X86_32,
        _ => datasetType switch
        {
            "synthetic" or "generalization" => SyscallNumbering.Synthetic,
            "adfa-ld" => SyscallNumbering.X86_32,
            _ => null,
        },
    };

    /// <summary>The ids of the traces a split's models were fitted on (splits/SPLIT.json); null for a run written before splits were saved.</summary>
    public IReadOnlySet<string>? TrainIdsOf(string split) =>
        File.Exists(_folder.SplitFile(split)) ? _folder.ReadSplit(split).TrainIds.ToHashSet(StringComparer.Ordinal) : null;

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

        if (!File.Exists(_folder.SplitFile(split)))
        {
            // Runs written before splits existed had only the official split, and no splits/ folder.
            return split == DataSplit.Official
                ? dataset.Test.Where(t => !t.IsAttack).ToArray()
                : throw new SyscallBenchException($"{_folder.SplitFile(split)}: missing, so the test traces of split '{split}' are unknown; give --calibrate FOLDER instead.");
        }

        var manifest = _folder.ReadSplit(split);
        var manifestPath = _folder.SplitFile(split);
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
