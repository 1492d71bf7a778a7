namespace SyscallBench.Core.Evaluation.Comparison;

/// <summary>
/// Holm's (1979) step-down adjustment of p-values for multiple comparisons: controls the family-wise
/// error rate like Bonferroni, but is uniformly more powerful.
/// </summary>
/// <remarks>
/// With the m p-values sorted ascending, p_(1) &lt;= ... &lt;= p_(m), the adjusted value of the k-th is
/// max over j &lt;= k of min(1, (m - j + 1) p_(j)). NaN p-values (tests that could not be computed) stay
/// NaN and do not count in m. Equals statsmodels' multipletests(method="holm").
/// </remarks>
public static class HolmAdjustment
{
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var adjusted = Enumerable.Repeat(double.NaN, pValues.Count).ToArray();
        var order = Enumerable.Range(0, pValues.Count)
            .Where(i => !double.IsNaN(pValues[i]))
            .OrderBy(i => pValues[i])
            .ThenBy(i => i)
            .ToArray();
        var running = 0.0;
        for (var k = 0; k < order.Length; k++)
        {
            running = Math.Max(running, Math.Min(1, (order.Length - k) * pValues[order[k]]));
            adjusted[order[k]] = running;
        }

        return adjusted;
    }
}
