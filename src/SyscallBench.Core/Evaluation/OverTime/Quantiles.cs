namespace SyscallBench.Core.Evaluation.OverTime;

/// <summary>Quantiles as numpy.quantile and numpy.percentile compute them by default, so latencies compare with Python tooling.</summary>
public static class Quantiles
{
    /// <summary>
    /// The q-quantile of the values with linear interpolation between order statistics (numpy's default, Hyndman and Fan's
    /// type 7): h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) over the sorted values. Null for no values.
    /// </summary>
    public static double? Linear(IReadOnlyList<double> values, double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }
}
