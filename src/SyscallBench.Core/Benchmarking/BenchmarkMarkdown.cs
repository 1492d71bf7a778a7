using System.Globalization;
using System.Text;

namespace SyscallBench.Core.Benchmarking;

/// <summary>
/// Renders benchmark reports as the README's performance table (markdown), so the published numbers are
/// copied from a file by a program, never typed by hand.
/// </summary>
public static class BenchmarkMarkdown
{
    public static string Render(IReadOnlyList<BenchmarkReport> reports, IReadOnlyList<string> sources)
    {
        ArgumentOutOfRangeException.ThrowIfZero(reports.Count);
        var text = new StringBuilder();
        // One machine line per distinct machine; then, per source file, when, at which commit and with how many
        // repeats it was measured, so every row can be traced to the file and run it came from.
        foreach (var machine in reports.Select(r => (r.Machine.Cpu, r.Machine.LogicalCores, r.Machine.OperatingSystem, r.Machine.Runtime)).Distinct())
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Machine: {machine.Cpu}, {machine.LogicalCores} logical cores, {machine.OperatingSystem}, {machine.Runtime}.");
        }

        text.AppendLine();
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {sources[i]}: {report.Date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, median of {report.Repeats}, "
                + $"commit {Short(report.Machine.GitCommit)}{(report.Machine.GitDirty == true ? " (with uncommitted changes)" : "")}");
        }

        text.AppendLine();
        text.AppendLine("| data (train / test calls) | detector | fit syscalls/s | score syscalls/s, 1 thread | score syscalls/CPU-s, 1 thread | score syscalls/s, all cores | fit + score 1 thread (s) | model MB | peak MB fit / score |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in reports.SelectMany(r => r.Runs))
        {
            var data = $"{run.Dataset} ({Millions(run.TrainCalls)} / {Millions(run.TestCalls)})";
            foreach (var d in run.Detectors)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {data} | {d.Name} | {Rate(d.FitCallsPerSecond)} | {Rate(d.ScoreCallsPerSecondOneThread)} | {Rate(d.ScoreCallsPerCpuSecondOneThread)} | {Rate(d.ScoreCallsPerSecondParallel)} | "
                    + $"{Seconds(d.FitSeconds + d.ScoreSecondsOneThread)} | {Megabytes(d.ModelManagedBytes)} | "
                    + $"{Megabytes(d.FitPeakResidentGrowthBytes)} / {Megabytes(d.ScorePeakResidentGrowthBytesOneThread)} |");
            }

            var total = run.Detectors.Sum(d => d.FitSeconds + d.ScoreSecondsOneThread);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {data} | **all {run.Detectors.Count} together** | | | | | **{Seconds(total)}** | | |");
        }

        text.AppendLine();
        text.AppendLine("Reproduce:");
        text.AppendLine();
        foreach (var command in reports.Select(r => r.Command).Distinct())
        {
            text.AppendLine("    " + command);
        }

        return text.ToString();
    }

    private static string Short(string? commit) => commit is null ? "unknown" : commit[..Math.Min(10, commit.Length)];

    private static string Millions(long calls) => (calls / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M";

    private static string Rate(double callsPerSecond) => callsPerSecond >= 1e6
        ? (callsPerSecond / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + "M"
        : (callsPerSecond / 1e3).ToString("0", CultureInfo.InvariantCulture) + "k";

    private static string Seconds(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Megabytes(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
}
