namespace SyscallBench.Core.Tests.Running;

/// <summary>Compares the result files of two run folders, ignoring what legitimately differs: timings.</summary>
internal static class RunEquivalence
{
    private static readonly string[] TimingColumns = ["fit_seconds", "score_seconds", "fit_syscalls_per_second", "score_syscalls_per_second"];

    /// <summary>Asserts equal scores.csv, metrics.csv without timing columns, family_metrics.csv and, when present, seed_summary.csv and learning_curve.csv.</summary>
    public static void AssertSameResults(string expectedRun, string actualRun)
    {
        Assert.Equal(File.ReadAllLines(Path.Combine(expectedRun, "scores.csv")), File.ReadAllLines(Path.Combine(actualRun, "scores.csv")));
        Assert.Equal(WithoutTimings(Path.Combine(expectedRun, "metrics.csv")), WithoutTimings(Path.Combine(actualRun, "metrics.csv")));
        Assert.Equal(File.ReadAllLines(Path.Combine(expectedRun, "family_metrics.csv")), File.ReadAllLines(Path.Combine(actualRun, "family_metrics.csv")));
        foreach (var optional in new[] { "seed_summary.csv", "learning_curve.csv" })
        {
            var expected = Path.Combine(expectedRun, optional);
            Assert.Equal(File.Exists(expected), File.Exists(Path.Combine(actualRun, optional)));
            if (File.Exists(expected) && optional == "learning_curve.csv")
            {
                Assert.Equal(File.ReadAllLines(expected), File.ReadAllLines(Path.Combine(actualRun, optional)));
            }
            else if (File.Exists(expected))
            {
                Assert.Equal(WithoutTimings(expected), WithoutTimings(Path.Combine(actualRun, optional)));
            }
        }
    }

    private static IReadOnlyList<string> WithoutTimings(string csv)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        var keep = Enumerable.Range(0, header.Length).Where(i => !TimingColumns.Any(t => header[i].StartsWith(t, StringComparison.Ordinal))).ToArray();
        return lines.Select(l => string.Join(',', keep.Select(i => l.Split(',')[i]))).ToArray();
    }
}
