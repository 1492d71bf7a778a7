namespace SyscallBench.Core.Evaluation.OverTime;

/// <summary>Thins a recording's window scores for drawing without losing a peak.</summary>
public static class TimelineSeries
{
    /// <summary>The most points a drawn timeline keeps per recording and detector.</summary>
    public const int MaxPoints = 400;

    /// <summary>
    /// Cuts [start, end] into <paramref name="maxPoints"/> equal slices and keeps, from each slice holding windows, its
    /// highest-scoring window (its own end time and score): every alarm a threshold would raise still shows, at its time.
    /// With at most <paramref name="maxPoints"/> windows every window is kept.
    /// </summary>
    public static (double[] Times, double[] Scores) Downsample(IReadOnlyList<double> ends, IReadOnlyList<double> scores, double start, double end,
        int maxPoints = MaxPoints)
    {
        if (ends.Count <= maxPoints)
        {
            return (ends.ToArray(), scores.ToArray());
        }

        var width = Math.Max(end - start, double.Epsilon) / maxPoints;
        var best = new int[maxPoints];
        Array.Fill(best, -1);
        for (var w = 0; w < ends.Count; w++)
        {
            var slice = Math.Clamp((int)((ends[w] - start) / width), 0, maxPoints - 1);
            if (best[slice] < 0 || scores[w] > scores[best[slice]])
            {
                best[slice] = w;
            }
        }

        var kept = best.Where(w => w >= 0).ToArray();
        return (kept.Select(w => ends[w]).ToArray(), kept.Select(w => scores[w]).ToArray());
    }
}
