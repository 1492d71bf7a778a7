using SyscallBench.Core.Config;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Probes;
using SyscallBench.Core.Running;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Results;

/// <summary>
/// Everything a finished run produced. Immutable: exporters and reports only read it, so every file of a
/// run shows the same numbers, computed once by the evaluation (per result) and the <see cref="Summary"/>
/// (across results).
/// </summary>
public sealed record RunResult(
    string RunId,
    ExperimentConfig Config,
    DatasetSummary Dataset,
    IReadOnlyList<DetectorResult> Detectors,
    DateTimeOffset StartedAt,
    TimeSpan WallTime,
    RunEnvironment Environment)
{
    /// <summary>The splits evaluated on, in plan order (one, "official", unless the config asks for more).</summary>
    public IReadOnlyList<SplitManifest> Splits { get; init; } = [];

    /// <summary>Set on the result of one shard of a sharded run (`--shard i/N`); null for a whole run.</summary>
    public ShardRun? Shard { get; init; }

    private readonly RunSummary? _summary;

    /// <summary>
    /// The statistics derived from the results (comparisons, seed summaries, learning curve, verdict), built
    /// once by <see cref="Summarized"/> when the result is complete: by the runner, the run reader and the
    /// shard merger. A copy made with <c>with</c> has none (its results may differ) until it is summarized.
    /// </summary>
    /// <exception cref="InvalidOperationException">The result was never summarized.</exception>
    public RunSummary Summary
    {
        get => _summary ?? throw new InvalidOperationException(
            $"Run {RunId}: its summary was not built; call Summarized() once the result is complete.");
        init => _summary = value;
    }

    /// <summary>This result with its <see cref="Summary"/> computed from its results.</summary>
    /// <param name="comparisonProgress">Told of the paired comparisons' bootstraps as they run.</param>
    public RunResult Summarized(IProgress<ComparisonProgress>? comparisonProgress = null) =>
        this with { Summary = RunSummary.Of(this, comparisonProgress) };

    /// <summary>
    /// The copy a <c>with</c> expression starts from: every property but the summary, which belonged to the
    /// original's results (a stale summary would put numbers of other results into the files).
    /// </summary>
    private RunResult(RunResult original)
    {
        RunId = original.RunId;
        Config = original.Config;
        Dataset = original.Dataset;
        Detectors = original.Detectors;
        StartedAt = original.StartedAt;
        WallTime = original.WallTime;
        Environment = original.Environment;
        Splits = original.Splits;
        Shard = original.Shard;
    }

    /// <summary>
    /// The results on the experiment's main splits (the official split or the re-splits): learning-curve
    /// points are left out, they have their own table (learning_curve.csv).
    /// </summary>
    public IEnumerable<DetectorResult> MainResults =>
        Detectors.Where(r => Splits.FirstOrDefault(s => s.Name == r.Split)?.BaseSplit is null);

    /// <summary>
    /// The training and test calls of one split, for throughput; a run without split manifests (older runs)
    /// had only the dataset's own split.
    /// </summary>
    public (long TrainCalls, long TestCalls) CallsOf(string split) =>
        Splits.FirstOrDefault(s => s.Name == split) is { TrainCalls: > 0 } manifest
            ? (manifest.TrainCalls, manifest.TestCalls)
            : (Dataset.TrainCalls, Dataset.TestCalls);

    /// <summary>True when some detector has several main results (seeds or re-splits), summarised as mean ± std.</summary>
    public bool HasRepeats => MainResults.GroupBy(r => r.Detector).Any(g => g.Count() > 1);
}

/// <summary>What was evaluated on: provenance plus counts.</summary>
public sealed record DatasetSummary(
    string Name,
    DatasetProvenance Provenance,
    int TrainTraces,
    long TrainCalls,
    int TestNormalTraces,
    int TestAttackTraces,
    long TestCalls,
    IReadOnlyDictionary<string, int> AttackTracesByFamily)
{
    public static DatasetSummary Of(LabeledDataset dataset) => new(
        dataset.Name,
        dataset.Provenance,
        dataset.Train.Count,
        dataset.Train.Sum(t => (long)t.Length),
        dataset.TestNormalCount,
        dataset.TestAttackCount,
        dataset.Test.Sum(t => (long)t.Length),
        dataset.Test.Where(t => t.IsAttack)
            .GroupBy(t => t.Family ?? "(none)")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count()));
}

/// <summary>
/// One detector fitted with one seed on one split, its scores on the split's test set, and their evaluation.
/// <see cref="ModelReused"/>: the model came from the model cache; <see cref="FitTime"/> is then the
/// original fit's time. <see cref="ScoresReused"/>: the scores came from the score cache (a resumed run).
/// <see cref="SeedDependent"/> false: a deterministic detector, fitted once (with <see cref="Seed"/>, the
/// experiment's first seed) and standing for every seed.
/// </summary>
public sealed record DetectorResult(
    string Detector,
    string Type,
    int Seed,
    IReadOnlyList<ScoredTrace> Scores,
    DetectorEvaluation Evaluation,
    TimeSpan FitTime,
    TimeSpan ScoreTime,
    string? ModelDirectory,
    IReadOnlyList<ProbeResult> Probes,
    bool ModelReused = false,
    string Split = DataSplit.Official,
    bool SeedDependent = true,
    bool ScoresReused = false)
{
    /// <summary>"stide-6", "lstm@seed=3" when an experiment has several seeds, "stide-6 [resplit-2]" on another split.</summary>
    public string Label(bool multipleSeeds)
    {
        var name = multipleSeeds && SeedDependent ? $"{Detector}@seed={Seed}" : Detector;
        return Split == DataSplit.Official ? name : $"{name} [{Split}]";
    }

    /// <summary>The key of the unit that produced this result (<see cref="WorkUnit.Key"/>).</summary>
    public string UnitKey => WorkUnit.KeyOf(Split, Detector, Seed, SeedDependent);

    /// <summary>
    /// The time-aware evaluation, beside the ROC of <see cref="Evaluation"/>, for recordings with times and attack starts
    /// (LID-DS); null for other datasets.
    /// </summary>
    public OverTimeEvaluation? OverTime { get; init; }

    /// <summary>
    /// The evaluations on the other test sets of <see cref="EvaluationOptions.TestSet"/> (e.g. "distinct" beside
    /// "all"), in config order; <see cref="Evaluation"/> is the first test set's. Empty with one test set.
    /// </summary>
    public IReadOnlyList<DetectorEvaluation> OtherTestSets { get; init; } = [];
}
