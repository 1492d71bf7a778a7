using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Splits;

/// <summary>
/// One train/test split a run evaluates on: "official", "resplit-3", or a learning-curve point such as
/// "official-train-100" (a subset of its base split's training normals, the same test set).
/// </summary>
/// <param name="Name">Unique within a run; names files (splits/&lt;name&gt;.json) and the split column.</param>
/// <param name="Data">The traces, as the detectors and probes see them.</param>
/// <param name="Manifest">What was split how, content-hashed; written to the run folder.</param>
public sealed record DataSplit(string Name, LabeledDataset Data, SplitManifest Manifest)
{
    public const string Official = "official";
}

/// <summary>
/// splits/&lt;name&gt;.json: the trace ids of each side and SHA-256 content hashes of each side (ids, labels
/// and calls; see <see cref="DatasetHash"/>). The training hash keys the model cache, the test hash the
/// score cache, so a split drawn again identically reuses the work.
/// </summary>
public sealed record SplitManifest(
    string Name,
    string Protocol,
    string? BaseSplit,
    int TrainTraces,
    int TestNormalTraces,
    int TestAttackTraces,
    long TrainCalls,
    long TestCalls,
    string TrainSha256,
    string TestSha256,
    int LeakedTraces,
    int LeakedAttackTraces,
    IReadOnlyList<LeakedTrace> LeakedExamples,
    IReadOnlyList<string> TrainIds,
    IReadOnlyList<string> TestIds)
{
    /// <summary>How many identical train/test pairs the manifest lists in full.</summary>
    public const int MaxLeakedExamples = 20;

    /// <summary>Validation recordings beside the split (thresholds of the time-aware evaluation; never fitted on, never tested on).</summary>
    public int ValidationTraces { get; init; }

    /// <summary>Their content hash; null without validation recordings. Keys the score cache of recordings with the test hash.</summary>
    public string? ValidationSha256 { get; init; }

    /// <summary>Identical sequences in the split; null in split files written before runs analysed them (then no test set but "all").</summary>
    public DuplicateAnalysis? Duplicates { get; init; }
}
