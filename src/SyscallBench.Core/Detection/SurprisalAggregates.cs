using System.Numerics;

namespace SyscallBench.Core.Detection;

/// <summary>
/// Trace scores from per-call surprisal s_t = -ln p(x_t | context), shared by every language-model
/// detector (n-gram LM, LSTM) so their `mean` and `max window` variants mean exactly the same thing.
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
}
