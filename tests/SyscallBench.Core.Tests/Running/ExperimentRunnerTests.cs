using System.Globalization;
using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Running;

namespace SyscallBench.Core.Tests.Running;

public sealed class ExperimentRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("syscallbench-runner-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ExperimentConfig Config(string detectorParams = "{}") =>
        new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read($$"""
            name: runner-test
            dataset: {type: inline}
            detectors:
              - {name: count99, type: counting, params: {{detectorParams}}}
            evaluation: {bootstrap_resamples: 50}
            output: {{_root}}
            """, Path.Combine(_root, "exp.yaml"));

    [Fact]
    public void GivenAnExperiment_WhenRun_ThenEveryFileIsWrittenIntoACommittedRunFolder()
    {
        // Given a valid experiment
        var runner = new ExperimentRunner(ExperimentRunner.CoreExporters);

        // When it runs
        var outcome = runner.Run(Config(), SilentRunObserver.Instance);

        // Then the run folder holds every output and no partial folder is left
        Assert.Empty(outcome.ExportFailures);
        Assert.Equal(Path.Combine(_root, "runner-test", outcome.Result.RunId), outcome.Directory);
        foreach (var file in new[] { "config.yaml", "manifest.json", "metrics.csv", "metrics.json", "scores.csv", "family_metrics.csv", "models/count99/detector.json" })
        {
            Assert.True(File.Exists(Path.Combine(outcome.Directory, file)), file);
        }

        Assert.Single(Directory.GetDirectories(Path.Combine(_root, "runner-test")));
        Assert.Empty(Directory.GetFiles(outcome.Directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void GivenARun_WhenItsFilesAreRead_ThenScoresAndMetricsAgreeWithTheResult()
    {
        // Given a finished run
        var outcome = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config(), SilentRunObserver.Instance);
        var detector = outcome.Result.Detectors.Single();

        // Then scores.csv has one row per test trace with label and family
        var lines = File.ReadAllLines(Path.Combine(outcome.Directory, "scores.csv"));
        Assert.Equal("trace,label,family,split,detector,seed,score", lines[0]);
        Assert.Equal(25, lines.Length - 1);
        Assert.Contains("test/a0,attack,Alpha,official,count99,42,0.75", lines);

        // And metrics.csv carries the evaluation's ROC AUC
        var header = lines.Length > 0 ? File.ReadAllLines(Path.Combine(outcome.Directory, "metrics.csv")) : [];
        var columns = header[0].Split(',');
        var values = header[1].Split(',');
        var auc = double.Parse(values[Array.IndexOf(columns, "roc_auc")], CultureInfo.InvariantCulture);
        Assert.Equal(detector.Evaluation.RocAuc, auc, 12);
        Assert.Equal(1.0, auc);

        // And the manifest names the dataset hash and seeds
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outcome.Directory, "manifest.json")));
        Assert.Equal(outcome.Result.Dataset.Provenance.ContentHash, manifest.RootElement.GetProperty("dataset").GetProperty("content_sha256").GetString());
        Assert.Equal(42, manifest.RootElement.GetProperty("seeds")[0].GetInt32());
    }

    [Fact]
    public void GivenAFailingDetector_WhenRun_ThenNoRunFolderIsLeftBehind()
    {
        // Given a detector that fails while fitting
        var config = Config("{mode: always_fail}");

        // When the run fails
        Assert.Throws<SyscallBenchException>(() =>
            new ExperimentRunner(ExperimentRunner.CoreExporters).Run(config, SilentRunObserver.Instance));

        // Then nothing that looks like a run remains
        var experimentFolder = Path.Combine(_root, "runner-test");
        Assert.Empty(Directory.Exists(experimentFolder) ? Directory.GetFileSystemEntries(experimentFolder) : []);
    }

    [Fact]
    public void GivenARun_WhenItsResolvedConfigIsRead_ThenItIsTheSameExperiment()
    {
        // Given a config and its resolved form
        var config = Config("{bad_syscall: 99, weights: [0.25]}");
        var yaml = Core.Export.ConfigExporter.ToYaml(config);

        // When the resolved YAML is read again
        var again = new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read(yaml, "resolved.yaml");

        // Then it describes the same experiment
        Assert.Equal(config.Name, again.Name);
        Assert.Equal(config.Evaluation.FalseAlarmRates, again.Evaluation.FalseAlarmRates);
        var options = Assert.IsType<TestComponents.CountingOptions>(again.Detectors.Single().Options);
        Assert.Equal([0.25], options.Weights);
    }

    [Fact]
    public void GivenSeveralDatasets_WhenRun_ThenEachGetsAFolderNamedAfterIt()
    {
        // Given an experiment over two datasets
        var config = new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read($$$"""
            name: runner-test
            datasets:
              - {name: small, type: inline, params: {normals: 8}}
              - {name: large, type: inline, params: {normals: 16}}
            detectors: [{type: counting}]
            evaluation: {bootstrap_resamples: 0}
            output: {{{_root}}}
            """, Path.Combine(_root, "exp.yaml"));

        // When it runs
        var outcomes = new ExperimentRunner(ExperimentRunner.CoreExporters).RunAll(config, SilentRunObserver.Instance);

        // Then there is one committed run per dataset, each evaluated on its own test set
        Assert.Equal(2, outcomes.Count);
        Assert.EndsWith("-small", outcomes[0].Directory, StringComparison.Ordinal);
        Assert.EndsWith("-large", outcomes[1].Directory, StringComparison.Ordinal);
        Assert.Equal([8, 16], outcomes.Select(o => o.Result.Dataset.TestNormalTraces));
        Assert.All(outcomes, o => Assert.True(File.Exists(Path.Combine(o.Directory, "metrics.csv"))));
    }

    [Fact]
    public void GivenAFinishedRun_WhenRunAgain_ThenTheCachedModelAndScoresAreReusedUnlessForced()
    {
        // Given a finished run
        var config = Config();
        var first = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(config, SilentRunObserver.Instance);

        // When the same experiment runs again, and once more with --force
        var second = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(config, SilentRunObserver.Instance);
        var forced = new ExperimentRunner(ExperimentRunner.CoreExporters, force: true).Run(config, SilentRunObserver.Instance);

        // Then the second run loads the cached model and scores, identical; the forced one fits and scores anew
        Assert.False(first.Result.Detectors.Single().ModelReused);
        Assert.False(first.Result.Detectors.Single().ScoresReused);
        Assert.True(second.Result.Detectors.Single().ModelReused);
        Assert.True(second.Result.Detectors.Single().ScoresReused);
        Assert.False(forced.Result.Detectors.Single().ModelReused);
        Assert.False(forced.Result.Detectors.Single().ScoresReused);
        Assert.Equal(first.Result.Detectors.Single().Scores, second.Result.Detectors.Single().Scores);
        Assert.Equal(first.Result.Detectors.Single().FitTime, second.Result.Detectors.Single().FitTime);
    }

    [Fact]
    public void GivenDifferentOptions_WhenRun_ThenTheyDoNotShareACachedModel()
    {
        // Given a run with one option value
        new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config("{bad_syscall: 99}"), SilentRunObserver.Instance);

        // When an option changes, then the model is fitted again
        var changed = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config("{bad_syscall: 1}"), SilentRunObserver.Instance);
        Assert.False(changed.Result.Detectors.Single().ModelReused);
    }
}
