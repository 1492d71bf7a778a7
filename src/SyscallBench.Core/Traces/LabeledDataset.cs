namespace SyscallBench.Core.Traces;

/// <summary>
/// A dataset split the way the evaluation protocol needs it: training normals to fit on, and a labeled
/// test set of normal and attack traces.
/// </summary>
public sealed record LabeledDataset(
    string Name,
    IReadOnlyList<Trace> Train,
    IReadOnlyList<Trace> Test,
    DatasetProvenance Provenance)
{
    /// <summary>
    /// Normal traces set aside from both sides (LID-DS's validation recordings): never fitted on and never evaluated,
    /// they set the thresholds of the time-aware evaluation. Never attacks. Empty for most datasets.
    /// </summary>
    public IReadOnlyList<Trace> Validation { get; init; } = [];

    /// <summary>Which traces <see cref="Validation"/> holds, in words: reports say where thresholds came from.</summary>
    public string ValidationSource { get; init; } = "the dataset's validation recordings";

    /// <summary>True when the traces are recordings (<see cref="Trace.Timeline"/>): scored by their streams' windows.</summary>
    public bool HasRecordings => Test.Count > 0 && Test[0].Timeline is not null;

    public int TestNormalCount => Test.Count(t => !t.IsAttack);

    public int TestAttackCount => Test.Count(t => t.IsAttack);
}

/// <summary>Where a dataset came from, for the run manifest and report headers.</summary>
/// <param name="Type">The dataset type name from the experiment config ("adfa-ld", "synthetic", ...).</param>
/// <param name="Location">File or folder read, or "generated" for synthetic data.</param>
/// <param name="ContentHash">SHA-256 over every trace's id, label, family and calls (see <see cref="DatasetHash"/>).</param>
/// <param name="Notes">Human-readable facts the loader checked (counts per split and family, ...).</param>
/// <param name="Architecture">The syscall numbering of the calls ("x86-32", "x86-64": a <see cref="SyscallNames"/>
/// architecture), so reports can name them; null when unknown or made up (synthetic data).</param>
public sealed record DatasetProvenance(
    string Type,
    string Location,
    string ContentHash,
    IReadOnlyList<string> Notes,
    string? Architecture = null);
