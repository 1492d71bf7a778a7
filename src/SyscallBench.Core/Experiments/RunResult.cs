using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Experiments;

/// <summary>
/// Everything a finished run produced. Immutable: exporters and reports only read it, so every file of a
/// run shows the same numbers, computed once by the evaluation.
/// </summary>
public sealed record RunResult(
    string RunId,
    ExperimentConfig Config,
    DatasetSummary Dataset,
    IReadOnlyList<DetectorResult> Detectors,
    DateTimeOffset StartedAt,
    TimeSpan WallTime,
    RunEnvironment Environment);

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
/// One detector fitted with one seed, its scores on the test set, and their evaluation.
/// <see cref="ModelReused"/>: the model came from the model cache; <see cref="FitTime"/> is then the
/// original fit's time.
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
    bool ModelReused = false)
{
    /// <summary>"stide-6", or "lstm@seed=3" when an experiment has several seeds.</summary>
    public string Label(bool multipleSeeds) => multipleSeeds ? $"{Detector}@seed={Seed}" : Detector;
}
