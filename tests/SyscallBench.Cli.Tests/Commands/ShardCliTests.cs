namespace SyscallBench.Cli.Tests.Commands;

/// <summary>`run --shard i/N`, `merge DIR...`, `--parallel` and `--force` through the command line.</summary>
[Collection("Cli")]
public sealed class ShardCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-shard-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>Synthetic data, two deterministic detectors, 2 re-splits: 4 units in 2 groups.</summary>
    private string Experiment()
    {
        var path = Path.Combine(_temp, "grid.yaml");
        File.WriteAllText(path, """
            name: grid
            dataset: {type: synthetic, params: {seed: 3, train_traces: 60, test_normal_traces: 40, attack_traces_per_family: 5}}
            detectors:
              - {name: stide-4, type: stide, params: {window_length: 4}}
              - {name: ngram-3, type: ngram, params: {order: 3}}
            evaluation: {bootstrap_resamples: 50}
            split: {protocol: resplit, k: 2}
            """);
        return path;
    }

    private string Results(string name) => Path.Combine(_temp, name);

    [Fact]
    public void GivenShardsRunFromTheCommandLine_WhenMerged_ThenTheFilesEqualTheUnshardedRuns()
    {
        // Given the whole run and its two shards (the second with two units at once)
        var experiment = Experiment();
        var whole = CliHarness.Run(experiment, "--output", Results("whole"));
        var first = CliHarness.Run("run", experiment, "--shard", "1/2", "--output", Results("shards"));
        var second = CliHarness.Run("run", experiment, "--shard", "2/2", "--parallel", "2", "--output", Results("shards"));
        Assert.True(whole.ExitCode == 0, whole.Output);
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Output + second.Output);

        // When the shard folders are merged
        var shardFolders = Directory.GetDirectories(Path.Combine(Results("shards"), "grid"));
        Assert.Equal(2, shardFolders.Length);
        var merged = CliHarness.Run(["merge", .. shardFolders, "--output", Results("merged")]);

        // Then the merged run's scores and metrics equal the unsharded run's
        Assert.True(merged.ExitCode == 0, merged.Output);
        var wholeRun = Assert.Single(Directory.GetDirectories(Path.Combine(Results("whole"), "grid")));
        var mergedRun = Assert.Single(Directory.GetDirectories(Path.Combine(Results("merged"), "grid")));
        Assert.Equal(RunFolderFiles.Scores(wholeRun), RunFolderFiles.Scores(mergedRun));
        Assert.Equal(RunFolderFiles.MetricsWithoutTimings(wholeRun), RunFolderFiles.MetricsWithoutTimings(mergedRun));
        Assert.True(File.Exists(Path.Combine(mergedRun, "report.html")));
    }

    [Fact]
    public void GivenAShardFolder_WhenItsFilesTableAndReportAreRead_ThenEachSaysItIsPartialAndWhichDetectorsItHolds()
    {
        // Given shard 1 of 2 of the grid (4 units: two detectors on two re-splits)
        var experiment = Experiment();

        // When it runs, and its report is written again from its folder
        var (runExit, runOutput) = CliHarness.Run("run", experiment, "--shard", "1/2", "--output", Results("shards"));
        var shard = Assert.Single(Directory.GetDirectories(Path.Combine(Results("shards"), "grid")));
        var (reportExit, reportOutput) = CliHarness.Run("report", shard);

        // Then the console table, manifest.json, metrics.json and the report each say it is partial, naming the shard and its detectors
        Assert.True(runExit == 0, runOutput);
        Assert.True(reportExit == 0, reportOutput);
        const string Start = "partial: shard 1 of 2 (2 of 4 units), detector";
        Assert.Contains(Start, runOutput, StringComparison.Ordinal);
        Assert.Contains(Start, reportOutput, StringComparison.Ordinal);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(shard, "manifest.json")));
        using var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(shard, "metrics.json")));
        var note = manifest.RootElement.GetProperty("partial").GetString()!;
        Assert.StartsWith(Start, note, StringComparison.Ordinal);
        Assert.EndsWith(" of the experiment's 2; `merge` the 2 shard folders for the whole run", note, StringComparison.Ordinal);
        Assert.Equal(note, metrics.RootElement.GetProperty("partial").GetString());
        Assert.Contains("<p class=\"missing\" id=\"partial\"><b>partial: shard 1 of 2", File.ReadAllText(Path.Combine(shard, "report.html")), StringComparison.Ordinal);

        // And a whole run says nothing of the kind
        var (wholeExit, wholeOutput) = CliHarness.Run(experiment, "--output", Results("whole"));
        Assert.True(wholeExit == 0, wholeOutput);
        Assert.DoesNotContain("partial: shard", wholeOutput, StringComparison.Ordinal);
        var whole = Assert.Single(Directory.GetDirectories(Path.Combine(Results("whole"), "grid")));
        using var wholeManifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(whole, "manifest.json")));
        Assert.True(!wholeManifest.RootElement.TryGetProperty("partial", out var none) || none.ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void GivenAnIncompleteSetOfShards_WhenMerged_ThenItFailsWithAClearMessage()
    {
        var experiment = Experiment();
        Assert.Equal(0, CliHarness.Run(experiment, "--shard", "1/2", "--output", Results("shards")).ExitCode);

        var (exitCode, output) = CliHarness.Run(["merge", .. Directory.GetDirectories(Path.Combine(Results("shards"), "grid")), "--output", Results("merged")]);

        Assert.Equal(1, exitCode);
        Assert.Contains("shard(s) 2/2 missing", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Results("merged")));
    }

    [Theory]
    [InlineData("--shard", "3/2", "expected i/N")]
    [InlineData("--parallel", "0", "--parallel 0")]
    public void GivenBadShardOrParallelArguments_WhenRun_ThenTheyAreRejected(string option, string value, string expected)
    {
        var (exitCode, output) = CliHarness.Run(Experiment(), option, value, "--output", Results("bad"));

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Results("bad")) && Directory.EnumerateFiles(Results("bad"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void GivenAFinishedRun_WhenRunAgain_ThenFinishedUnitsAreReusedAndForceRecomputesThem()
    {
        var experiment = Experiment();
        Assert.Equal(0, CliHarness.Run(experiment, "--output", Results("cache")).ExitCode);

        var (again, againOutput) = CliHarness.Run(experiment, "--output", Results("cache"));
        var (forced, forcedOutput) = CliHarness.Run(experiment, "--force", "--output", Results("cache"));

        Assert.Equal((0, 0), (again, forced));
        Assert.Contains("finished before, reused from the cache", againOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("reused", forcedOutput, StringComparison.Ordinal);
    }
}
