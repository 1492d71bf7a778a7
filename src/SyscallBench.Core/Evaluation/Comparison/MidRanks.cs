namespace SyscallBench.Core.Evaluation.Comparison;

/// <summary>Ranks 1..n of values in ascending order, tied values sharing the mean of their ranks.</summary>
internal static class MidRanks
{
    public static double[] Of(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).ToArray();
        var sorted = values.ToArray();
        Array.Sort(sorted, order);
        var ranks = new double[values.Count];
        var start = 0;
        while (start < sorted.Length)
        {
            var end = start;
            while (end + 1 < sorted.Length && sorted[end + 1] == sorted[start])
            {
                end++;
            }

            // Positions start..end (0-based) hold ranks start+1..end+1; each gets their mean.
            var midRank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = midRank;
            }

            start = end + 1;
        }

        return ranks;
    }
}
