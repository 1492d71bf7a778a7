using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Config;

/// <summary>
/// A validated experiment: immutable, every option resolved to a value (defaults filled in).
/// Built only by <see cref="ExperimentConfigReader"/>, which reports every problem of a file at once.
/// </summary>
/// <remarks>
/// <see cref="Datasets"/> holds one or more datasets; the experiment runs once per dataset, each run
/// in its own folder (the generalization study compares two training regimes this way).
/// </remarks>
public sealed record ExperimentConfig(
    string Name,
    string? Description,
    string SourceFile,
    IReadOnlyList<DatasetSpec> Datasets,
    IReadOnlyList<DetectorSpec> Detectors,
    EvaluationOptions Evaluation,
    IReadOnlyList<int> Seeds,
    string OutputDirectory,
    bool SaveModels)
{
    /// <summary>The <c>split:</c> section: the official split, or k seeded re-splits.</summary>
    public SplitOptions Split { get; init; } = new();

    /// <summary>The <c>over_time:</c> section: how recordings are windowed and scored, and the time-aware evaluation's budgets.</summary>
    public OverTimeOptions OverTime { get; init; } = new();

    /// <summary>The <c>learning_curve:</c> section: nested training subsets of each split.</summary>
    public LearningCurveOptions LearningCurve { get; init; } = new();

    /// <summary>
    /// The <c>parallel:</c> key: how many work units may run at once on this machine (1: one after the
    /// other). The CLI's --parallel overrides it. Results never depend on it.
    /// </summary>
    public int Parallel { get; init; } = 1;

    /// <summary>The dataset of a single-dataset config; every run's own config has exactly one.</summary>
    public DatasetSpec Dataset => Datasets.Count == 1
        ? Datasets[0]
        : throw new InvalidOperationException($"Experiment '{Name}' has {Datasets.Count} datasets; use ForDataset to get one run's config.");

    /// <summary>The config of the run on one of this experiment's datasets.</summary>
    public ExperimentConfig ForDataset(DatasetSpec dataset) => this with { Datasets = [dataset] };

    /// <summary>What relative paths in the config resolve against: the experiment file's folder.</summary>
    public string BaseDirectory => Path.GetDirectoryName(SourceFile) ?? Directory.GetCurrentDirectory();

    /// <summary>Loads one of this experiment's datasets, relative paths resolved against the experiment file.</summary>
    public LabeledDataset LoadDataset(DatasetSpec dataset, IProgress<string>? status = null) =>
        dataset.Descriptor.Load(dataset.Options, new DatasetContext(BaseDirectory, status));
}

/// <summary>A dataset of an experiment: a name (the type unless given), a registered type and its options.</summary>
public sealed record DatasetSpec(string Name, DatasetDescriptor Descriptor, IOptions Options)
{
    public string Type => Descriptor.Type;
}

/// <summary>One detector of an experiment: a unique name, a registered type and its bound options.</summary>
/// <param name="Name">Unique in the experiment.</param>
/// <param name="Descriptor">The registered detector type.</param>
/// <param name="Options">Its options, every default filled in.</param>
/// <param name="Sweep">For a variant expanded from a <c>grid:</c>, its family and swept values; null otherwise.</param>
/// <param name="Variants">For an entry with <c>grid:</c> and <c>select:</c>, the grid's variants it chooses from (then
/// <paramref name="Options"/> is the select block and <paramref name="Descriptor"/> the selection's, see
/// <see cref="Detection.Selection.SelectingDetector"/>); null otherwise.</param>
public sealed record DetectorSpec(string Name, DetectorDescriptor Descriptor, IOptions Options, DetectorSweep? Sweep = null,
    IReadOnlyList<DetectorSpec>? Variants = null)
{
    public string Type => Descriptor.Type;

    public IDetector Create() => Descriptor.Create(Name, Options);
}
