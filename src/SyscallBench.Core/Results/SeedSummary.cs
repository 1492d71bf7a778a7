namespace SyscallBench.Core.Results;

/// <summary>Mean and sample standard deviation of one metric over a detector's seeds, and the per-seed values.</summary>
/// <param name="Mean">Mean over seeds.</param>
/// <param name="StandardDeviation">Sample standard deviation (n - 1); 0 for one seed.</param>
/// <param name="Values">The value of each run, in the order of <see cref="SeedSummary.SeedList"/> and <see cref="SeedSummary.SplitList"/>.</param>
public readonly record struct MeanAndSpread(double Mean, double StandardDeviation, IReadOnlyList<double> Values)
{
    /// <summary>Sample standard deviation (n - 1); 0 for a single value.</summary>
    public static MeanAndSpread Of(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var variance = values.Count > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) : 0;
        return new MeanAndSpread(mean, Math.Sqrt(variance), values.ToArray());
    }
}

/// <summary>
/// A detector's metrics over all the seeds it was fitted with: what a paper reports as "mean ± std over
/// n seeds". Computed from the per-seed evaluations, never from pooled scores. With re-splits, the runs
/// are every (re-split, seed) pair; learning-curve points are left out. A seed-independent detector has
/// one run per split.
/// </summary>
public sealed record SeedSummary(
    string Detector,
    string Type,
    int Seeds,
    IReadOnlyList<int> SeedList,
    IReadOnlyList<string> SplitList,
    MeanAndSpread RocAuc,
    MeanAndSpread AveragePrecision,
    IReadOnlyList<MeanAndSpread> DetectionRates,
    MeanAndSpread FalseAlarmAtDetection,
    MeanAndSpread FitSeconds,
    MeanAndSpread ScoreSeconds)
{
    /// <summary>One summary per detector, in the order the detectors were run.</summary>
    public static IReadOnlyList<SeedSummary> Of(RunResult result) =>
        result.MainResults
            .GroupBy(r => r.Detector)
            .Select(g =>
            {
                var runs = g.ToArray();
                var pointCount = runs[0].Evaluation.OperatingPoints.Count;
                return new SeedSummary(
                    g.Key,
                    runs[0].Type,
                    runs.Length,
                    runs.Select(r => r.Seed).ToArray(),
                    runs.Select(r => r.Split).ToArray(),
                    MeanAndSpread.Of(runs.Select(r => r.Evaluation.RocAuc).ToArray()),
                    MeanAndSpread.Of(runs.Select(r => r.Evaluation.AveragePrecision).ToArray()),
                    Enumerable.Range(0, pointCount)
                        .Select(i => MeanAndSpread.Of(runs.Select(r => r.Evaluation.OperatingPoints[i].DetectionRate).ToArray()))
                        .ToArray(),
                    MeanAndSpread.Of(runs.Select(r => r.Evaluation.FalseAlarmAtDetection.FalseAlarmRate).ToArray()),
                    MeanAndSpread.Of(runs.Select(r => r.FitTime.TotalSeconds).ToArray()),
                    MeanAndSpread.Of(runs.Select(r => r.ScoreTime.TotalSeconds).ToArray()));
            })
            .ToArray();
}
