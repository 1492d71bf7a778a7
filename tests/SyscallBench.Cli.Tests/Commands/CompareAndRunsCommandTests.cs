using System.Text.Json;

namespace SyscallBench.Cli.Tests.Commands;

[Collection("Cli")]
public sealed class CompareAndRunsCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-compare-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string Results => Path.Combine(_temp, "results");

    /// <summary>Runs a small synthetic experiment whose detector "d" is STIDE with the given window; returns its run folder.</summary>
    private string Run(string name, int window, int datasetSeed = 5)
    {
        var path = Path.Combine(_temp, $"{name}-{window}-{datasetSeed}.yaml");
        File.WriteAllText(path, $$"""
            name: {{name}}
            dataset: {type: synthetic, params: {seed: {{datasetSeed}}, train_traces: 40, test_normal_traces: 40, attack_traces_per_family: 8} }
            detectors: [{name: d, type: stide, params: {window_length: {{window}} } }, {name: lm, type: ngram, params: {order: 3} }]
            evaluation: {bootstrap_resamples: 100}
            seeds: [1]
            output: {{Results}}
            """);
        var before = Directory.Exists(Path.Combine(Results, name)) ? Directory.GetDirectories(Path.Combine(Results, name)) : [];
        var (exitCode, output) = CliHarness.Run(path);
        Assert.True(exitCode == 0, output);
        return Assert.Single(Directory.GetDirectories(Path.Combine(Results, name)).Except(before));
    }

    [Fact]
    public void GivenTwoRunsOnTheSameTestTraces_WhenCompared_ThenItShowsTheConfigChangeAndPairedTestsAcrossTheRuns()
    {
        // Given a run with STIDE k=3 and one with k=6, same data
        var a = Run("study", 3);
        var b = Run("study", 6);
        var page = Path.Combine(_temp, "compare.html");

        // When compared, with the HTML page
        var (exitCode, output) = CliHarness.Run("compare", a, b, "--html", page);

        // Then the config difference is named, both detectors have paired tests, and the page holds the same
        Assert.True(exitCode == 0, output);
        Assert.Contains("window_length: 3", output, StringComparison.Ordinal);
        Assert.Contains("window_length: 6", output, StringComparison.Ordinal);
        // The experiment files' paths differ too, but only in config.yaml's header comment: no difference of the config
        Assert.DoesNotContain("Resolved from", output, StringComparison.Ordinal);
        Assert.Contains("paired tests of the ROC AUC", output, StringComparison.Ordinal);
        Assert.DoesNotContain("no paired test", output, StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        Assert.Contains("Paired tests of the ROC AUC across the runs", html, StringComparison.Ordinal);
        Assert.Contains("window_length: 6", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTwoRunsOnDifferentData_WhenCompared_ThenTheDatasetHashDiffersAndNoPairedTestIsClaimed()
    {
        // Given runs of the same detectors on two synthetic datasets
        var a = Run("data", 3, datasetSeed: 5);
        var b = Run("data", 3, datasetSeed: 6);

        // When compared
        var (exitCode, output) = CliHarness.Run("compare", a, b);

        // Then the dataset hash is listed as different, and each detector says why it has no paired test
        Assert.True(exitCode == 0, output);
        Assert.Contains("dataset content SHA-256", output, StringComparison.Ordinal);
        Assert.Contains("No paired tests", output, StringComparison.Ordinal);
        Assert.Contains("d (official, seed 1): no paired test: the runs' datasets differ (content hash)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAFolderThatIsNotARun_WhenCompared_ThenItFailsNamingIt()
    {
        // Given a run and an empty folder
        var a = Run("lonely", 3);
        var empty = Directory.CreateDirectory(Path.Combine(_temp, "empty")).FullName;

        // When compared
        var (exitCode, output) = CliHarness.Run("compare", a, empty);

        // Then it exits 1 naming the folder and what it lacks
        Assert.Equal(1, exitCode);
        Assert.Contains($"{empty}: not a complete run folder", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenRunsAnOverviewAndADamagedFolder_WhenListed_ThenNewestComesFirstWithEachStatusAndJsonHasTheSame()
    {
        // Given two runs of one experiment, an explore overview, and a run folder with a broken manifest
        var older = Run("listing", 3);
        var newer = Run("listing", 6);
        var experiment = Directory.GetFiles(_temp, "listing-6-5.yaml").Single();
        var (exploreExit, exploreOutput) = CliHarness.Run("explore", experiment, "--output", Results);
        Assert.True(exploreExit == 0, exploreOutput);
        var damaged = Directory.CreateDirectory(Path.Combine(Results, "listing", "20200101-000000-broken")).FullName;
        File.WriteAllText(Path.Combine(damaged, "manifest.json"), "{ not json");

        // When listed as JSON and as a table
        var (jsonExit, json) = CliHarness.Run("runs", Results, "--format", "json");
        var (tableExit, table) = CliHarness.Run("runs", Results);

        // Then runs come newest first, with their best detector, and the overview and damaged folder are labelled
        Assert.True(jsonExit == 0, json);
        Assert.True(tableExit == 0, table);
        using var document = JsonDocument.Parse(json);
        var entries = document.RootElement.EnumerateArray().ToArray();
        var runs = entries.Where(e => e.GetProperty("status").GetString() == "complete").Select(e => e.GetProperty("path").GetString()!).ToArray();
        Assert.Equal([newer, older], runs);
        Assert.Contains(entries, e => e.GetProperty("status").GetString() == "explore_overview");
        var broken = Assert.Single(entries, e => e.GetProperty("status").GetString() == "damaged");
        Assert.Contains("manifest.json", broken.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.All(entries.Where(e => e.GetProperty("status").GetString() == "complete"),
            e => Assert.InRange(e.GetProperty("best_roc_auc").GetDouble(), 0, 1));
        Assert.Contains("explore overview", table, StringComparison.Ordinal);
        Assert.Contains("damaged", table, StringComparison.Ordinal);
    }
}
