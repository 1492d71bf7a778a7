using System.Text.Json;

namespace SyscallBench.Cli.Tests.Commands;

/// <summary>The shipped trace-folder example (strace logs, a names file, .gz files) runs end to end.</summary>
[Collection("Cli")]
public sealed class TraceFolderExampleTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void GivenTheTraceFolderExample_WhenRun_ThenItSplitsPerProcessAndTheReportNamesCallsByTheX86_64Table()
    {
        // When
        var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("trace-folder-example.yaml"), "--output", _temp);

        // Then: one trace per process, the numbering in the manifest, names in the report
        Assert.True(exitCode == 0, output);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "trace-folder-example")));
        Assert.Contains("7 train, 4 normal + 7 attack test traces", output, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")));
        Assert.Equal("x86-64", manifest.RootElement.GetProperty("dataset").GetProperty("architecture").GetString());
        Assert.Contains("attack/setuid-copy.strace#pid", File.ReadAllText(Path.Combine(run, "scores.csv")), StringComparison.Ordinal);
        var report = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Contains("openat (257)", report, StringComparison.Ordinal);

        // And the report re-rendered from the saved files still knows the numbering
        File.Delete(Path.Combine(run, "report.html"));
        var (reportExit, reportOutput) = CliHarness.Run("report", run);
        Assert.True(reportExit == 0, reportOutput);
        Assert.Equal(report, File.ReadAllText(Path.Combine(run, "report.html")));

        // And `predict` reads and names calls in the model's x86-64 numbering (openat is 257 there, 295 on x86-32)
        var (predictExit, predictOutput) = CliHarness.Run("predict", Path.Combine(run, "models", "ngram-3"), "execve openat", "--names");
        Assert.True(predictExit == 0, predictOutput);
        Assert.Contains("after execve (59) openat (257)", predictOutput, StringComparison.Ordinal);
    }
}
