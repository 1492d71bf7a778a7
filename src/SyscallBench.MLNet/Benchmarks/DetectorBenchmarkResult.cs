namespace SyscallBench.MLNet.Benchmarks;

/// <summary>Timings and ranking quality of one detector fitted on a dataset's training split and scored on its test split.</summary>
/// <param name="Detector">Detector name.</param>
/// <param name="Dataset">Dataset name.</param>
/// <param name="TrainTraces">Number of training traces.</param>
/// <param name="TrainCalls">System calls in the training traces.</param>
/// <param name="TestTraces">Number of test traces.</param>
/// <param name="TestCalls">System calls in the test traces.</param>
/// <param name="FitSeconds">Wall time of Fit (includes building the n-gram features of the training traces).</param>
/// <param name="ScoreSeconds">Wall time of ScoreMany over the test split (includes their features).</param>
/// <param name="RocAuc">Tie-aware ROC AUC, attacks positive.</param>
/// <param name="AveragePrecision">Average precision, attacks positive.</param>
/// <param name="TestScores">Scores of the test traces, in test order.</param>
/// <param name="ModelFacts">Facts about the fitted model (features, support vectors, gamma, ...).</param>
public sealed record DetectorBenchmarkResult(
    string Detector,
    string Dataset,
    int TrainTraces,
    long TrainCalls,
    int TestTraces,
    long TestCalls,
    double FitSeconds,
    double ScoreSeconds,
    double RocAuc,
    double AveragePrecision,
    IReadOnlyList<double> TestScores,
    IReadOnlyDictionary<string, string> ModelFacts)
{
    /// <summary>Training calls consumed per second of fitting.</summary>
    public double FitSyscallsPerSecond => TrainCalls / FitSeconds;

    /// <summary>Test calls scored per second.</summary>
    public double ScoreSyscallsPerSecond => TestCalls / ScoreSeconds;

    public double TotalSeconds => FitSeconds + ScoreSeconds;

    public string Summary() =>
        FormattableString.Invariant(
            $"{Detector} on {Dataset}: fit {FitSeconds:F2} s ({TrainTraces} traces, {TrainCalls} calls, {FitSyscallsPerSecond:N0} calls/s), ")
        + FormattableString.Invariant(
            $"score {ScoreSeconds:F2} s ({TestTraces} traces, {TestCalls} calls, {ScoreSyscallsPerSecond:N0} calls/s), ")
        + FormattableString.Invariant($"ROC AUC {RocAuc:F4}, AP {AveragePrecision:F4}; ")
        + string.Join(", ", ModelFacts.Select(kv => $"{kv.Key} {kv.Value}"));
}
