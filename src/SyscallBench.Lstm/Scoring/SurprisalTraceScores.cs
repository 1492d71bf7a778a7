namespace SyscallBench.Lstm.Scoring;

/// <summary>
/// The LSTM-only trace-score variant over per-call ranks; mean_nll and max_window_nll are Core's
/// <see cref="Core.Detection.SurprisalAggregates"/>, shared with the n-gram language model.
/// </summary>
public static class SurprisalTraceScores
{
    /// <summary>
    /// topk_miss_rate = fraction of calls whose rank (syscalls the model found strictly more probable)
    /// is at least g, i.e. that are not among the g most probable (DeepLog, Du et al. CCS 2017).
    /// </summary>
    public static double TopkMissRate(ReadOnlySpan<int> ranks, int g)
    {
        if (ranks.IsEmpty)
        {
            return 0;
        }

        var misses = 0;
        foreach (var rank in ranks)
        {
            if (rank >= g)
            {
                misses++;
            }
        }

        return (double)misses / ranks.Length;
    }
}
