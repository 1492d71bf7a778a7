namespace SyscallBench.Lstm.Scoring;

/// <summary>The trace-score variants over per-call surprisal s_t = -ln p(x_t | x_&lt;t).</summary>
public static class SurprisalTraceScores
{
    /// <summary>mean_nll = (1/T) sum_t s_t (Kim et al. 2016); 0 for an empty trace.</summary>
    public static double MeanNll(ReadOnlySpan<float> surprisal)
    {
        if (surprisal.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (var s in surprisal)
        {
            sum += s;
        }

        return sum / surprisal.Length;
    }

    /// <summary>
    /// max_window_nll = max over windows of w consecutive calls of their mean surprisal; the whole-trace
    /// mean when the trace is shorter than w.
    /// </summary>
    public static double MaxWindowNll(ReadOnlySpan<float> surprisal, int window)
    {
        if (surprisal.Length <= window)
        {
            return MeanNll(surprisal);
        }

        double sum = 0;
        for (var i = 0; i < window; i++)
        {
            sum += surprisal[i];
        }

        var best = sum;
        for (var i = window; i < surprisal.Length; i++)
        {
            sum += surprisal[i] - surprisal[i - window];
            best = Math.Max(best, sum);
        }

        return best / window;
    }

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
