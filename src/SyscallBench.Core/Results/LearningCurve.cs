namespace SyscallBench.Core.Results;

/// <summary>One point of a learning curve: a detector's result on a split with a given number of training traces.</summary>
public sealed record LearningCurvePoint(string BaseSplit, int TrainTraces, DetectorResult Result);

/// <summary>The learning-curve points of a run, for learning_curve.csv and the report's figure.</summary>
public static class LearningCurve
{
    /// <summary>
    /// Every result on a learning-curve split plus, as the last point, the result on its base split (all
    /// training traces); ordered by base split, detector (run order), seed and size. Empty without a learning curve.
    /// </summary>
    public static IReadOnlyList<LearningCurvePoint> Points(RunResult result)
    {
        var splits = result.Splits.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var bases = result.Splits.Where(s => s.BaseSplit is not null).Select(s => s.BaseSplit!).ToHashSet(StringComparer.Ordinal);
        if (bases.Count == 0)
        {
            return [];
        }

        var detectorOrder = result.Detectors.Select(r => r.Detector).Distinct().ToList();
        var splitOrder = result.Splits.Select((s, i) => (s.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        return result.Detectors
            .Where(r => splits.ContainsKey(r.Split) && (splits[r.Split].BaseSplit is not null || bases.Contains(r.Split)))
            .Select(r => new LearningCurvePoint(splits[r.Split].BaseSplit ?? r.Split, splits[r.Split].TrainTraces, r))
            .OrderBy(p => splitOrder[p.BaseSplit])
            .ThenBy(p => detectorOrder.IndexOf(p.Result.Detector))
            .ThenBy(p => p.Result.Seed)
            .ThenBy(p => p.TrainTraces)
            .ToArray();
    }
}
