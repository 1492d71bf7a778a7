namespace SyscallBench.Core.Detection.Ensemble;

/// <summary>
/// What an ensemble learned about one member from the member's scores of the training normals: the
/// threshold b (a quantile), mean and standard deviation, and the sorted scores for percentiles.
/// </summary>
public sealed record MemberCalibration(string Member, double Threshold, double Mean, double StandardDeviation, double[] SortedTrainingScores)
{
    public static MemberCalibration From(string member, IReadOnlyList<double> trainingScores, double quantile)
    {
        var sorted = trainingScores.Order().ToArray();
        var mean = sorted.Average();
        var variance = sorted.Sum(s => (s - mean) * (s - mean)) / sorted.Length;
        // Linear interpolation between order statistics (numpy's default "linear" quantile).
        var position = quantile * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var threshold = sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
        return new MemberCalibration(member, threshold, mean, Math.Sqrt(variance), sorted);
    }

    /// <summary>The spread used to put members on one scale; 1 when the training scores do not vary.</summary>
    public double Scale => StandardDeviation > 0 ? StandardDeviation : 1;

    /// <summary>Mid-rank percentile of <paramref name="score"/> among the training-normal scores, in [0, 1].</summary>
    public double Percentile(double score)
    {
        // A linear count: a few hundred training traces per member, and clear beats clever here.
        int below = 0, equal = 0;
        foreach (var training in SortedTrainingScores)
        {
            if (training < score)
            {
                below++;
            }
            else if (training == score)
            {
                equal++;
            }
        }

        return (below + (equal / 2.0)) / SortedTrainingScores.Length;
    }
}
