using System.Numerics;

namespace SyscallBench.Core.Detection;

/// <summary>
/// Trace scores from per-call surprisal s_t = -ln p(x_t | context), shared by every language-model
/// detector (n-gram LM, LSTM, transformer) so their `mean`, `max window`, `quantile` and `last` variants
/// mean exactly the same thing.
/// </summary>
public static class SurprisalAggregates
{
    /// <summary>(1/T) sum_t s_t (Kim et al. 2016's mean NLL); 0 for an empty trace (it surprises nobody).</summary>
    public static double Mean<T>(ReadOnlySpan<T> surprisal)
        where T : INumberBase<T>
    {
        if (surprisal.IsEmpty)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var value in surprisal)
        {
            sum += double.CreateChecked(value);
        }

        return sum / surprisal.Length;
    }

    /// <summary>
    /// The largest mean over windows of <paramref name="window"/> consecutive calls; a trace shorter than
    /// the window is one window. Each window is summed afresh (no running sum), so the result does not
    /// depend on where in a long trace the window sits.
    /// </summary>
    public static double MaxWindowMean<T>(ReadOnlySpan<T> surprisal, int window)
        where T : INumberBase<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (surprisal.Length <= window)
        {
            return Mean(surprisal);
        }

        var max = double.NegativeInfinity;
        for (var start = 0; start + window <= surprisal.Length; start++)
        {
            max = Math.Max(max, Mean(surprisal.Slice(start, window)));
        }

        return max;
    }

    /// <summary>
    /// The q-quantile of the per-call surprisals, interpolated linearly between order statistics: with
    /// x_(0) ≤ ... ≤ x_(T-1) and h = (T-1) q, x_(⌊h⌋) + (h - ⌊h⌋)(x_(⌊h⌋+1) - x_(⌊h⌋)) (numpy's default
    /// "linear" method, Hyndman and Fan type 7); q = 0.5 is the median. 0 for an empty trace. Unlike the
    /// mean, a median is not dragged down by long stretches of well-predicted calls nor up by one rare call.
    /// </summary>
    public static double Quantile<T>(ReadOnlySpan<T> surprisal, double q)
        where T : INumberBase<T>
    {
        if (!(q >= 0 && q <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "A quantile must be in [0, 1].");
        }

        if (surprisal.IsEmpty)
        {
            return 0;
        }

        var sorted = new double[surprisal.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = double.CreateChecked(surprisal[i]);
        }

        Array.Sort(sorted);
        var h = (sorted.Length - 1) * q;
        var lower = (int)Math.Floor(h);
        return lower + 1 >= sorted.Length ? sorted[lower] : sorted[lower] + ((h - lower) * (sorted[lower + 1] - sorted[lower]));
    }

    /// <summary>
    /// The surprisal of the trace's last call alone; 0 for an empty trace. On the generalization study's
    /// "k k k -> s" traces it is -ln p(s | k k k): whether the successor was expected, without the surprise
    /// at a run never seen in training mixed in.
    /// </summary>
    public static double Last<T>(ReadOnlySpan<T> surprisal)
        where T : INumberBase<T> =>
        surprisal.IsEmpty ? 0 : double.CreateChecked(surprisal[^1]);
}
