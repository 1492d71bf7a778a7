namespace SyscallBench.Core.Results;

/// <summary>
/// The paired comparisons of one split's and one seed's detectors, addressable by (row, column) detector
/// index: what the report's matrix shows and what the verdict's paired test is read from.
/// </summary>
/// <remarks>
/// Shown: the first split's comparisons under the experiment's first seed (comparisons.csv has them all).
/// One matrix per run, built once with the <see cref="RunSummary"/>.
/// </remarks>
public sealed class ComparisonMatrix
{
    private readonly Dictionary<(int, int), DetectorComparison> _byPair;

    private ComparisonMatrix(string split, int seed, IReadOnlyList<DetectorResult> results, Dictionary<(int, int), DetectorComparison> byPair)
    {
        Split = split;
        Seed = seed;
        Results = results;
        _byPair = byPair;
    }

    /// <summary>The split whose comparisons are shown.</summary>
    public string Split { get; }

    /// <summary>The seed whose comparisons are shown.</summary>
    public int Seed { get; }

    /// <summary>The compared results, in run order: row and column i is <c>Results[i]</c>.</summary>
    public IReadOnlyList<DetectorResult> Results { get; }

    public IReadOnlyList<string> Detectors => Results.Select(r => r.Detector).ToArray();

    /// <summary>Every compared pair once.</summary>
    public IEnumerable<DetectorComparison> Comparisons => _byPair.Where(p => p.Key.Item1 < p.Key.Item2).Select(p => p.Value);

    /// <summary>The first split's first seed's comparisons; null with fewer than two detectors.</summary>
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
        return i < 0 || j < 0 || i == j ? null : _byPair.GetValueOrDefault((i, j));
    }

    /// <summary>The comparison of the row and column detectors.</summary>
    public DetectorComparison At(int row, int column) => _byPair[(row, column)];

    /// <summary>+1 when the comparison at (row, column) was computed as row minus column, -1 when as column minus row.</summary>
    public int Sign(int row, int column) => _byPair[(row, column)].A == Results[row] ? 1 : -1;

    /// <summary>Row detector's AUC minus column detector's.</summary>
    public double Difference(int row, int column)
    {
        var comparison = _byPair[(row, column)];
        return comparison.A == Results[row] ? comparison.Test.Difference : -comparison.Test.Difference;
    }

    private int IndexOf(DetectorResult result) => Results.ToList().IndexOf(result);
}
