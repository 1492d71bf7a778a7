using System.Text.Json;
using System.Text.RegularExpressions;
using SyscallBench.TestSupport.Browser;

namespace SyscallBench.Cli.Tests.Commands;

[Collection("Cli")]
public sealed class InsightsAndFiguresCliTests : IDisposable
{
    private const string ChromiumVariable = "SYSCALLBENCH_CHROMIUM";

    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-insights-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string ResultsFolder => Path.Combine(_temp, "results");

    private static string[] ChartIds(string html) =>
        Regex.Matches(html, "<div class=\"chart\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();

    [Fact]
    public void GivenTheQuickstart_WhenRun_ThenProbesJsonHoldsExplanationsForEveryDetectorAndNextCallsForTheNGramModel()
    {
        // When
        var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--output", ResultsFolder);

        // Then
        Assert.True(exitCode == 0, output);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(ResultsFolder, "quickstart")));
        using var probes = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "probes.json")));
        var entries = probes.RootElement.GetProperty("probes").EnumerateArray()
            .Select(e => (Detector: e.GetProperty("detector").GetString()!, Probe: e.GetProperty("result").GetProperty("probe").GetString()!))
            .ToArray();
        Assert.Equal(
            new[] { ("stide-6", "explanation"), ("tstide-6", "explanation"), ("ngram-3", "explanation"), ("ngram-3", "next_call") },
            entries.Select(e => (e.Detector, e.Probe)));
        var html = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Contains("<section id=\"explanations\">", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"nextcall\">", html, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public void GivenFiguresSvgOnRunAndPngOnReport_WhenChromiumIsPresent_ThenEveryChartIsWrittenAndTheReportIsUnchanged()
    {
        // When: run with --figures svg
        var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--output", ResultsFolder, "--figures", "svg");

        // Then: one SVG per chart of the report
        Assert.True(exitCode == 0, output);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(ResultsFolder, "quickstart")));
        var original = File.ReadAllText(Path.Combine(run, "report.html"));
        var ids = ChartIds(original);
        Assert.Contains(ids, id => id.StartsWith("chart-nextcall-ngram-3-most-anomalous-attack-", StringComparison.Ordinal));
        var figures = Path.Combine(run, "figures");
        Assert.Equal(ids.Select(id => id + ".svg").Order(StringComparer.Ordinal),
            Directory.GetFiles(figures).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // And `report RUN_DIR --figures png` regenerates the same page and adds the PNGs
        var (reportExit, reportOutput) = CliHarness.Run("report", run, "--figures", "png");
        Assert.True(reportExit == 0, reportOutput);
        Assert.Equal(original, File.ReadAllText(Path.Combine(run, "report.html")));
        Assert.All(ids, id => Assert.True(File.Exists(Path.Combine(figures, id + ".png")), id));
    }

    [Fact]
    public void GivenNoChromium_WhenRunWithFigures_ThenTheRunIsSavedTheMessageSaysHowToInstallItAndTheExitCodeIsTwo()
    {
        // Given: a Chromium path that does not exist
        var previous = Environment.GetEnvironmentVariable(ChromiumVariable);
        Environment.SetEnvironmentVariable(ChromiumVariable, Path.Combine(_temp, "no-chromium"));
        try
        {
            // When
            var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--output", ResultsFolder, "--figures", "png");

            // Then
            Assert.Equal(2, exitCode);
            Assert.Contains("apt-get install chromium", output, StringComparison.Ordinal);
            var run = Assert.Single(Directory.GetDirectories(Path.Combine(ResultsFolder, "quickstart")));
            Assert.True(File.Exists(Path.Combine(run, "report.html")));
            Assert.False(Directory.Exists(Path.Combine(run, "figures")));

            // And `report` says the same
            var (reportExit, reportOutput) = CliHarness.Run("report", run, "--figures", "svg");
            Assert.Equal(2, reportExit);
            Assert.Contains("apt-get install chromium", reportOutput, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ChromiumVariable, previous);
        }
    }

    [Fact]
    public void GivenAnUnknownFigureFormat_WhenRun_ThenItIsAUserErrorBeforeAnythingRuns()
    {
        // When
        var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--output", ResultsFolder, "--figures", "pdf");

        // Then
        Assert.Equal(1, exitCode);
        Assert.Contains("--figures must be png or svg", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(ResultsFolder));
    }
}
