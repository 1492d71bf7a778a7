using SyscallBench.Core.Results;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Comparison;

/// <summary>
/// The paired comparisons of one seed's detectors, addressable by (row, column) detector index: what the
/// report's matrix and the verdict read. Significance marks use DeLong's Holm-adjusted p-value:
/// * below 0.05, ** below 0.01, *** below 0.001.
/// </summary>
internal sealed class ComparisonMatrix
{
    private readonly Dictionary<(int, int), DetectorComparison> byPair;

    private ComparisonMatrix(string split, int seed, IReadOnlyList<DetectorResult> results, Dictionary<(int, int), DetectorComparison> byPair)
    {
        Split = split;
        Seed = seed;
        Results = results;
        this.byPair = byPair;
    }

    public string Split { get; }

    public int Seed { get; }

    public IReadOnlyList<DetectorResult> Results { get; }

    public IReadOnlyList<string> Detectors => Results.Select(r => r.Detector).ToArray();

    public IEnumerable<DetectorComparison> Comparisons => byPair.Where(p => p.Key.Item1 < p.Key.Item2).Select(p => p.Value);

    /// <summary>The first split's first seed's comparisons (the matrix shown); null with fewer than two detectors.</summary>
    public static ComparisonMatrix? Of(RunResult result, IReadOnlyList<DetectorComparison> comparisons)
    {
        var seed = result.Config.Seeds[0];
        var split = comparisons.FirstOrDefault()?.Split;
        var shown = comparisons.Where(c => c.Split == split && c.Seed == seed).ToArray();
        if (shown.Length == 0)
        {
            return null;
        }

        var results = result.Detectors.Where(r => shown.Any(c => c.A == r || c.B == r)).ToList();
        var byPair = new Dictionary<(int, int), DetectorComparison>();
        foreach (var comparison in shown)
        {
            int a = results.IndexOf(comparison.A), b = results.IndexOf(comparison.B);
            byPair[(a, b)] = comparison;
            byPair[(b, a)] = comparison;
        }

        return new ComparisonMatrix(split!, seed, results, byPair);
    }

    /// <summary>The comparison of two results, whichever order it was computed in; null when they were not compared.</summary>
    public DetectorComparison? Find(DetectorResult a, DetectorResult b)
    {
        int i = IndexOf(a), j = IndexOf(b);
        return i < 0 || j < 0 || i == j ? null : byPair.GetValueOrDefault((i, j));
    }

    /// <summary>Row detector's AUC minus column detector's.</summary>
    public double Difference(int row, int column)
    {
        var comparison = byPair[(row, column)];
        return comparison.A == Results[row] ? comparison.Test.Difference : -comparison.Test.Difference;
    }

    public string Marks(int row, int column) => Stars(byPair[(row, column)].Test.DeLongPHolm);

    public string Hover(int row, int column)
    {
        var test = byPair[(row, column)].Test;
        var sign = byPair[(row, column)].A == Results[row] ? 1 : -1;
        var text = $"{Detectors[row]} - {Detectors[column]}: {Text.Signed(sign * test.Difference, 4)}<br>"
            + $"DeLong z {Text.Fixed(sign * test.DeLong.Z, 2)}, p {Text.PValue(test.DeLong.PValue)}, Holm p {Text.PValue(test.DeLongPHolm)}";
        if (test.Bootstrap is { } bootstrap)
        {
            var (low, high) = sign > 0 ? (bootstrap.Interval.Lower, bootstrap.Interval.Upper) : (-bootstrap.Interval.Upper, -bootstrap.Interval.Lower);
            text += $"<br>bootstrap {Text.Percent(bootstrap.Interval.Level, 0)} CI [{Text.Signed(low, 4)}, {Text.Signed(high, 4)}], "
                + $"p {Text.PValue(bootstrap.PValue, bootstrap.Resamples)}";
        }

        return text;
    }

    public static string Stars(double p) => p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";

    private int IndexOf(DetectorResult result) => Results.ToList().IndexOf(result);
}
