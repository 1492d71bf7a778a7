namespace SyscallBench.Cli.Tests;

/// <summary>What two run folders must share when they ran the same units: how the sharding tests compare a merged run with an unsharded one.</summary>
internal static class RunFolderFiles
{
    /// <summary>metrics.csv without its timing columns (any column whose name says "second"), which differ between runs.</summary>
    public static IReadOnlyList<string> MetricsWithoutTimings(string run)
    {
        var lines = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(i => !header[i].Contains("second", StringComparison.Ordinal)).ToArray();
        return lines.Select(l => string.Join(',', keep.Select(i => l.Split(',')[i]))).ToArray();
    }

    public static IReadOnlyList<string> Scores(string run) => File.ReadAllLines(Path.Combine(run, "scores.csv"));
}
