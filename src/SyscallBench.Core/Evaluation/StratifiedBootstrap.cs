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
/// not by trace: the intervals are per detector. <see cref="PairedAucs"/> is the paired form, which draws
/// traces (in one order shared by the detectors) and measures every detector on the same draw.
/// Clustered (<see cref="Strata"/> with clusters, <see cref="TraceClusters"/>): each resample draws as many
/// clusters of identical normal traces as there are, and as many attack clusters, with replacement; the AUC
/// and AP of the resample count every trace of each drawn cluster. Draws then index traces in ordinal id order.
/// </remarks>
internal static class StratifiedBootstrap
{
    public sealed record Replicates(double[] Aucs, double[] AveragePrecisions);

    public static Replicates Run(RankedScores ranked, int resamples, int seed, IProgress<ResampleProgress>? progress = null) =>
        Run(ranked, new Strata([ranked.NormalGroups], [ranked.AttackGroups], null, null), resamples, seed, progress);

    /// <summary>
    /// The cluster bootstrap of one detector: <paramref name="strata"/> hold the score group of each trace in one
    /// order and, by position in that order, the clusters (groups of identical traces) drawn whole.
    /// </summary>
    public static Replicates Run(RankedScores ranked, Strata strata, int resamples, int seed, IProgress<ResampleProgress>? progress = null)
    {
        var aucs = new double[resamples];
        var averagePrecisions = new double[resamples];
        Resample([ranked], strata, resamples, seed, progress, (r, normalCounts, attackCounts, normalDrawn, attackDrawn) =>
        {
            aucs[r] = RankedScores.Auc(normalCounts[0], attackCounts[0], normalDrawn, attackDrawn);
            averagePrecisions[r] = RankedScores.AveragePrecision(normalCounts[0], attackCounts[0], attackDrawn);
        });
        return new Replicates(aucs, averagePrecisions);
    }

    /// <summary>
    /// What a resample draws from: per detector, the score group of each normal and attack trace in one order
    /// shared by the detectors, and optionally the clusters of each class as lists of positions in that order.
    /// Without clusters each trace is drawn on its own; with them, a resample draws as many clusters as the class
    /// has, with replacement, and every trace of a drawn cluster counts (so the resample's size varies).
    /// </summary>
    public sealed record Strata(IReadOnlyList<int[]> NormalGroups, IReadOnlyList<int[]> AttackGroups,
        int[][]? NormalClusters, int[][]? AttackClusters)
    {
        /// <summary>
        /// Strata of traces listed in one order (<paramref name="normalIds"/>, <paramref name="attackIds"/>) with each
        /// detector's scores in that order; clustered by <paramref name="clusters"/>, or trace by trace when null.
        /// </summary>
        public static Strata Of(IReadOnlyList<RankedScores> ranked, IReadOnlyList<string> normalIds, IReadOnlyList<double[]> normalScores,
            IReadOnlyList<string> attackIds, IReadOnlyList<double[]> attackScores, TraceClusters? clusters) =>
            new(ranked.Select((r, d) => normalScores[d].Select(r.GroupOf).ToArray()).ToArray(),
                ranked.Select((r, d) => attackScores[d].Select(r.GroupOf).ToArray()).ToArray(),
                clusters?.PositionsByCluster(normalIds),
                clusters?.PositionsByCluster(attackIds));
    }

    /// <summary>
    /// The paired bootstrap: every resample draws test traces once and computes every detector's ROC AUC on
    /// that same draw, so differences between detectors are measured on identical data.
    /// </summary>
    /// <param name="ranked">Each detector's ranked scores of the same test traces.</param>
    /// <param name="strata">Per detector, the group of each normal and attack trace, in one order shared by all detectors, and the clusters if any.</param>
    /// <param name="resamples">Number of resamples.</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="progress">Told of the resamples done (<see cref="ResampleProgress.ReportEvery"/>).</param>
    /// <returns>Per detector, its ROC AUC in each resample.</returns>
    public static double[][] PairedAucs(IReadOnlyList<RankedScores> ranked, Strata strata, int resamples, int seed,
        IProgress<ResampleProgress>? progress = null)
    {
        var aucs = ranked.Select(_ => new double[resamples]).ToArray();
        Resample(ranked, strata, resamples, seed, progress, (r, normalCounts, attackCounts, normalDrawn, attackDrawn) =>
        {
            for (var d = 0; d < ranked.Count; d++)
            {
                aucs[d][r] = RankedScores.Auc(normalCounts[d], attackCounts[d], normalDrawn, attackDrawn);
            }
        });
        return aucs;
    }

    /// <summary>
    /// Draws <paramref name="resamples"/> stratified resamples and hands each detector's per-group counts of
    /// the drawn traces, and how many normal and attack traces were drawn, to <paramref name="measure"/>. Positions
    /// are drawn once per resample and shared by all detectors; with one detector the draws are exactly those of
    /// <see cref="Run(RankedScores, int, int, IProgress{ResampleProgress})"/>.
    /// </summary>
    private static void Resample(IReadOnlyList<RankedScores> ranked, Strata strata,
        int resamples, int seed, IProgress<ResampleProgress>? progress, Action<int, int[][], int[][], int, int> measure)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        var random = new Xoshiro256StarStar(unchecked((ulong)seed));
        var normalCounts = ranked.Select(r => new int[r.GroupCount]).ToArray();
        var attackCounts = ranked.Select(r => new int[r.GroupCount]).ToArray();
        for (var r = 0; r < resamples; r++)
        {
            var normalDrawn = Draw(strata.NormalGroups, strata.NormalClusters, normalCounts, random);
            var attackDrawn = Draw(strata.AttackGroups, strata.AttackClusters, attackCounts, random);
            measure(r, normalCounts, attackCounts, normalDrawn, attackDrawn);
            ResampleProgress.ReportEvery(progress, r + 1, resamples);
        }
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

    /// <summary>
    /// Clears the counts, then draws as many trace positions as there are traces (or as many clusters as there
    /// are clusters), with replacement; returns how many traces were drawn.
    /// </summary>
    private static int Draw(IReadOnlyList<int[]> groupOfTrace, int[][]? clusters, int[][] counts, Xoshiro256StarStar random)
    {
        foreach (var detectorCounts in counts)
        {
            Array.Clear(detectorCounts);
        }

        if (clusters is null)
        {
            var traces = groupOfTrace[0].Length;
            for (var i = 0; i < traces; i++)
            {
                var drawn = random.NextInt(traces);
                for (var d = 0; d < counts.Length; d++)
                {
                    counts[d][groupOfTrace[d][drawn]]++;
                }
            }

            return traces;
        }

        var total = 0;
        for (var i = 0; i < clusters.Length; i++)
        {
            var cluster = clusters[random.NextInt(clusters.Length)];
            total += cluster.Length;
            foreach (var position in cluster)
            {
                for (var d = 0; d < counts.Length; d++)
                {
                    counts[d][groupOfTrace[d][position]]++;
                }
            }
        }

        return total;
    }
}
