namespace SyscallBench.Core.Evaluation;

/// <summary>
/// Percentile bootstrap confidence intervals for ROC AUC and average precision.
/// </summary>
/// <remarks>
/// Stratified: each resample draws N normal traces from the N normals and P attack traces from the P
/// attacks, uniformly with replacement, so every resample keeps the test set's class counts (and both
/// classes), as the test set's composition is fixed by the protocol. Each resample's AUC and AP are
/// computed by the same count-based formulas as the point estimates (<see cref="RankedScores.Auc"/>,
/// <see cref="RankedScores.AveragePrecision"/>) from how often each distinct score was drawn, so a resample
/// costs O(N + P + distinct scores) with no sorting. The interval is the (1 - level)/2 and (1 + level)/2
/// quantiles of the resampled values, linearly interpolated (numpy's default percentile method).
/// Deterministic for a seed: draws come from <see cref="Xoshiro256StarStar"/> and index the traces in
/// score order, so neither the input order nor the .NET version changes the interval. Every detector
/// evaluated with the same seed on the same test set gets the same resampled trace positions by rank,
/// not by trace: the intervals are per detector, not paired comparisons.
/// </remarks>
internal static class StratifiedBootstrap
{
    public sealed record Replicates(double[] Aucs, double[] AveragePrecisions);

    public static Replicates Run(RankedScores ranked, int resamples, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        var random = new Xoshiro256StarStar(unchecked((ulong)seed));
        var normalCounts = new int[ranked.GroupCount];
        var attackCounts = new int[ranked.GroupCount];
        var aucs = new double[resamples];
        var averagePrecisions = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(normalCounts);
            Array.Clear(attackCounts);
            Draw(ranked.NormalGroups, normalCounts, random);
            Draw(ranked.AttackGroups, attackCounts, random);
            aucs[r] = RankedScores.Auc(normalCounts, attackCounts, ranked.NormalTotal, ranked.AttackTotal);
            averagePrecisions[r] = RankedScores.AveragePrecision(normalCounts, attackCounts, ranked.AttackTotal);
        }

        return new Replicates(aucs, averagePrecisions);
    }

    /// <summary>The percentile interval of <paramref name="replicates"/> at <paramref name="level"/>.</summary>
    public static ConfidenceInterval PercentileInterval(IReadOnlyList<double> replicates, double level)
    {
        if (replicates.Count == 0)
        {
            throw new ArgumentException("Need at least one bootstrap replicate.", nameof(replicates));
        }

        var sorted = replicates.ToArray();
        Array.Sort(sorted);
        var tail = (1 - level) / 2;
        return new ConfidenceInterval(Quantile(sorted, tail), Quantile(sorted, 1 - tail), level);
    }

    /// <summary>numpy's default ("linear") quantile of sorted values: interpolates at position q * (n - 1).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var fraction = position - below;
        return sorted[below] + (fraction * (sorted[above] - sorted[below]));
    }

    private static void Draw(int[] groupOfTrace, int[] counts, Xoshiro256StarStar random)
    {
        for (var i = 0; i < groupOfTrace.Length; i++)
        {
            counts[groupOfTrace[random.NextInt(groupOfTrace.Length)]]++;
        }
    }
}
