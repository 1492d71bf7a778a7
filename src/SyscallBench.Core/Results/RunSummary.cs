namespace SyscallBench.Core.Results;

/// <summary>
/// The statistics derived from a run's detector results, computed once when the result is complete (by
/// the runner, the run reader and the shard merger) and held on <see cref="RunResult.Summary"/>. Every
/// exporter, the console table and the report read them from here, so the DeLong tests and paired bootstrap
/// (a thousand resamples per pair) run once per run and every file shows the same numbers.
/// </summary>
/// <param name="Comparisons">Paired AUC tests of the detectors, split by split and seed by seed (<see cref="DetectorComparisons"/>).</param>
/// <param name="Matrix">The comparisons the report shows and the verdict quotes (first split, first seed); null with fewer than two detectors.</param>
/// <param name="SeedSummaries">Each detector's mean and spread over its runs (seeds and re-splits), in run order (<see cref="SeedSummary"/>).</param>
/// <param name="LearningCurve">The learning-curve points, empty without a <c>learning_curve:</c> (<see cref="Results.LearningCurve"/>).</param>
/// <param name="Verdict">The best detector per criterion and the evidence for it (<see cref="RunVerdict"/>).</param>
/// <remarks>A new derived statistic belongs here, as one more property computed in <see cref="Of"/>.</remarks>
public sealed record RunSummary(
    IReadOnlyList<DetectorComparison> Comparisons,
    ComparisonMatrix? Matrix,
    IReadOnlyList<SeedSummary> SeedSummaries,
    IReadOnlyList<LearningCurvePoint> LearningCurve,
    RunVerdict Verdict)
{
    /// <summary>Computes every derived statistic of <paramref name="result"/> (its <see cref="RunResult.Summary"/> need not be set).</summary>
    /// <param name="result">The run's results.</param>
    /// <param name="comparisonProgress">Told of the paired comparisons' bootstraps as they run (the slow part).</param>
    public static RunSummary Of(RunResult result, IProgress<ComparisonProgress>? comparisonProgress = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var comparisons = DetectorComparisons.Of(result, comparisonProgress);
        var matrix = ComparisonMatrix.Of(result, comparisons);
        var seedSummaries = SeedSummary.Of(result);
        return new RunSummary(comparisons, matrix, seedSummaries, Results.LearningCurve.Points(result),
            RunVerdict.Of(result, matrix, seedSummaries));
    }
}
