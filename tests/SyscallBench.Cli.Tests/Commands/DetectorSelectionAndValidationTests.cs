namespace SyscallBench.Cli.Tests.Commands;

[Collection("Cli")]
public sealed class DetectorSelectionAndValidationTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-select-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string Results => Path.Combine(_temp, "results");

    [Fact]
    public void GivenTheQuickstart_WhenRunWithOnlyOneDetector_ThenTheRunHoldsOnlyItAndPredictNamesItsModel()
    {
        // When the quickstart runs with --only ngram-3
        var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--output", Results, "--only", "ngram-3");

        // Then only ngram-3 was fitted, and its run folder's config lists only it
        Assert.True(exitCode == 0, output);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(Results, "quickstart")));
        Assert.Equal(["ngram-3"], Directory.GetDirectories(Path.Combine(run, "models")).Select(Path.GetFileName));
        var config = File.ReadAllText(Path.Combine(run, "config.yaml"));
        Assert.DoesNotContain("stide-6", config, StringComparison.Ordinal);

        // And predict on its model says "the ngram model expects" (it said "a ngram model"; the title may wrap)
        var (predictExit, prediction) = CliHarness.Run("predict", Path.Combine(run, "models", "ngram-3"), "1 2 3");
        Assert.True(predictExit == 0, prediction);
        Assert.Contains("(3 calls), the ngram", prediction, StringComparison.Ordinal);
        Assert.DoesNotContain("a ngram", prediction, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheQuickstart_WhenRunSkippingADetectorItDoesNotHave_ThenItFailsListingItsDetectorsAndWritesNothing()
    {
        // When asked to skip a detector the experiment lacks
        var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--output", Results, "--skip", "lstm");

        // Then it exits 1 naming the experiment's detectors, and writes no run folder
        Assert.Equal(1, exitCode);
        Assert.Contains("no detector named 'lstm'; its detectors: stide-6, tstide-6, ngram-3", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Results, "quickstart")));
    }

    [Fact]
    public void GivenAnEnsemble_WhenOneOfItsMembersIsSkipped_ThenItFailsNamingBoth()
    {
        // Given an ensemble of two n-gram detectors
        var experiment = Path.Combine(_temp, "ensemble.yaml");
        File.WriteAllText(experiment, """
            name: ensemble
            dataset: {type: synthetic, params: {train_traces: 20, test_normal_traces: 20, attack_traces_per_family: 4} }
            detectors:
              - {name: a, type: stide, params: {window_length: 3}}
              - {name: b, type: ngram, params: {order: 3}}
              - {name: both, type: ensemble, params: {members: [a, b]}}
            """);

        // When one member is skipped
        var (exitCode, output) = CliHarness.Run(experiment, "--output", Results, "--skip", "b");

        // Then it fails naming the ensemble and the member
        Assert.Equal(1, exitCode);
        Assert.Contains("detector 'both' combines 'b', which --only/--skip leave out", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenADatasetPathThatDoesNotExist_WhenValidated_ThenItFailsNamingThePath()
    {
        // Given an experiment whose trace folder does not exist
        var experiment = Path.Combine(_temp, "nowhere.yaml");
        File.WriteAllText(experiment, """
            name: nowhere
            dataset: {type: trace-folder, params: {path: nowhere}}
            detectors: [{name: s, type: stide}]
            """);

        // When validated
        var (exitCode, output) = CliHarness.Run("validate", experiment);

        // Then it is refused, naming the dataset, the option and the resolved path
        Assert.Equal(1, exitCode);
        Assert.Contains($"dataset 'trace-folder': path 'nowhere' does not exist ({Path.Combine(_temp, "nowhere")})", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenExplore_WhenItsHelpIsShown_ThenItListsOnlyTheOptionsItUses()
    {
        // When explore's help is shown
        var (_, output) = CliHarness.Run("explore", "--help");

        // Then it offers --output and none of run's options it would ignore
        Assert.Contains("--output", output, StringComparison.Ordinal);
        foreach (var ignored in new[] { "--force", "--shard", "--parallel", "--figures", "--only", "--skip" })
        {
            Assert.DoesNotContain(ignored, output, StringComparison.Ordinal);
        }
    }
}
