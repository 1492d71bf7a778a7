using System.Text.Json.Nodes;
using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Export;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Tests.Running;

namespace SyscallBench.Core.Tests.Results;

/// <summary>The run folder's typed files: written and read back in one place, damaged ones refused by name.</summary>
public sealed class RunFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("syscallbench-runfolder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static ExperimentConfigReader ConfigReader => new(TestComponents.Detectors, TestComponents.Datasets);

    private static RunResultReader Reader => new(ConfigReader, []);

    private RunOutcome Run() =>
        new ExperimentRunner(ExperimentRunner.CoreExporters).Run(ConfigReader.Read($$"""
            name: folder
            dataset: {type: inline}
            detectors:
              - {name: bad99, type: counting}
              - {name: bad1, type: counting, params: {bad_syscall: 1} }
            evaluation: {bootstrap_resamples: 50}
            output: {{_root}}
            """, Path.Combine(_root, "exp.yaml")), SilentRunObserver.Instance);

    [Fact]
    public void GivenAnExperimentsResultsFolder_WhenOpenedAsARun_ThenTheMessageListsItsRunsNewestFirst()
    {
        // Given results/<experiment>/ with two runs (and a half-written one, which is not listed)
        var experiment = Path.Combine(_root, "ngram-baselines");
        foreach (var run in new[] { "20261201-101010-aaaaaa", "20261205-090909-bbbbbb" })
        {
            Directory.CreateDirectory(Path.Combine(experiment, run));
            foreach (var file in new[] { RunFolder.ConfigFileName, RunFolder.ManifestFileName, RunFolder.ScoresFileName })
            {
                File.WriteAllText(Path.Combine(experiment, run, file), "");
            }
        }

        Directory.CreateDirectory(Path.Combine(experiment, "20261206-000000-cccccc"));

        // When it is opened as a run folder (`report results/ngram-baselines`)
        var error = Assert.Throws<SyscallBenchException>(() => RunFolder.Open(experiment));

        // Then the message says what it is and names the runs, newest first
        Assert.Equal($"{experiment}: an experiment's results folder, not a run folder; it holds 2 run(s), newest first: "
            + $"20261205-090909-bbbbbb, 20261201-101010-aaaaaa. Give one of them (`runs {experiment}` lists them all).", error.Message);
    }

    [Fact]
    public void GivenARun_WhenItsManifestIsReadBack_ThenItEqualsTheManifestOfTheResult()
    {
        // Given
        var outcome = Run();

        // When
        var read = new RunFolder(outcome.Directory).ReadManifest();

        // Then every field survived the round trip, and the file says its version
        var written = RunManifest.Of(outcome.Result);
        Assert.Equal(RunManifest.CurrentVersion,
            JsonNode.Parse(File.ReadAllText(Path.Combine(outcome.Directory, "manifest.json")))!["manifest_version"]!.GetValue<int>());
        Assert.Equal(Json(written), Json(read));
    }

    [Fact]
    public void GivenAManifestCutShort_WhenTheRunIsRead_ThenTheErrorNamesManifestJson()
    {
        // Given
        var outcome = Run();
        var manifest = Path.Combine(outcome.Directory, "manifest.json");
        File.WriteAllText(manifest, "{");

        // When
        var error = Assert.Throws<SyscallBenchException>(() => Reader.Read(outcome.Directory));

        // Then
        Assert.StartsWith($"{manifest}: not a valid run manifest:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run_id")]
    [InlineData("detectors")]
    [InlineData("dataset")]
    public void GivenAManifestWithoutARequiredField_WhenTheRunIsRead_ThenTheErrorNamesTheFileAndTheField(string field)
    {
        // Given
        var outcome = Run();
        var manifest = Path.Combine(outcome.Directory, "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        json.Remove(field);
        File.WriteAllText(manifest, json.ToJsonString());

        // When
        var error = Assert.Throws<SyscallBenchException>(() => Reader.Read(outcome.Directory));

        // Then
        Assert.StartsWith($"{manifest}: not a valid run manifest:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAManifestWithANullWhereAValueBelongs_WhenTheRunIsRead_ThenTheErrorNamesTheFile()
    {
        var outcome = Run();
        var manifest = Path.Combine(outcome.Directory, "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        json["experiment"] = null;
        File.WriteAllText(manifest, json.ToJsonString());

        var error = Assert.Throws<SyscallBenchException>(() => Reader.Read(outcome.Directory));

        Assert.StartsWith($"{manifest}: not a valid run manifest:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenASplitManifestThatIsAnEmptyObject_WhenTheRunIsRead_ThenTheErrorNamesTheSplitFileAndWhatIsMissing()
    {
        // Given
        var outcome = Run();
        var split = Path.Combine(outcome.Directory, "splits", "official.json");
        File.WriteAllText(split, "{}");

        // When
        var error = Assert.Throws<SyscallBenchException>(() => Reader.Read(outcome.Directory));

        // Then
        Assert.Equal($"{split}: not a split manifest: missing name, protocol, train_sha256, test_sha256, leaked_examples, train_ids, test_ids.",
            error.Message);
    }

    [Fact]
    public void GivenASplitManifestOfAnotherSplit_WhenTheRunIsRead_ThenTheErrorSaysWhichItDescribes()
    {
        var outcome = Run();
        var split = Path.Combine(outcome.Directory, "splits", "official.json");
        var json = JsonNode.Parse(File.ReadAllText(split))!.AsObject();
        json["name"] = "resplit-1";
        File.WriteAllText(split, json.ToJsonString());

        var error = Assert.Throws<SyscallBenchException>(() => Reader.Read(outcome.Directory));

        Assert.Equal($"{split}: describes split 'resplit-1', but manifest.json lists it as 'official'.", error.Message);
    }

    [Fact]
    public void GivenAFolderWithoutScores_WhenOpened_ThenTheErrorSaysWhichFileIsMissing()
    {
        var outcome = Run();
        File.Delete(Path.Combine(outcome.Directory, "scores.csv"));

        var error = Assert.Throws<SyscallBenchException>(() => Reader.Read(outcome.Directory));

        Assert.Equal($"{outcome.Directory}: not a complete run folder (scores.csv is missing).", error.Message);
    }

    [Fact]
    public void GivenAManifestWrittenBeforeVersions_WhenTheConfigIsRead_ThenItsPathsResolveAgainstTheOriginalExperimentFile()
    {
        // Given a version-1 manifest (no manifest_version) naming an experiment file in another folder
        var outcome = Run();
        var manifestPath = Path.Combine(outcome.Directory, "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        json.Remove("manifest_version");
        json["config_file"] = "/elsewhere/experiments/exp.yaml";
        File.WriteAllText(manifestPath, json.ToJsonString());
        var folder = new RunFolder(outcome.Directory);

        // When
        var config = folder.ReadConfig(ConfigReader, folder.ReadManifest());

        // Then relative paths in its config.yaml resolve as when it ran; a current manifest's config stands alone
        Assert.Equal("/elsewhere/experiments", config.BaseDirectory);
        var current = new RunFolder(Run().Directory);
        Assert.Equal(current.Path, current.ReadConfig(ConfigReader, current.ReadManifest()).BaseDirectory);
    }

    [Fact]
    public void GivenADatasetPathRelativeToTheExperimentFile_WhenTheConfigIsWritten_ThenItIsAbsoluteAndReadsTheSameFolderFromElsewhere()
    {
        // Given a trace-folder experiment in experiments/ naming ../datasets/traces
        var reader = new ExperimentConfigReader(TestComponents.Detectors, new DatasetRegistry([TraceFolderDataset.Descriptor]));
        var experimentFile = Path.Combine(_root, "experiments", "traces.yaml");
        var config = reader.Read("""
            name: traces
            dataset: {type: trace-folder, params: {path: ../datasets/traces} }
            detectors: [{type: counting}]
            """, experimentFile);

        // When config.yaml is written and read back from a run folder elsewhere
        var yaml = ConfigExporter.ToYaml(config);
        var runConfig = Path.Combine(_root, "results", "traces", "run", "config.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(runConfig)!);
        File.WriteAllText(runConfig, yaml);
        var read = reader.ReadFile(runConfig);

        // Then the path is the absolute folder, the same for both
        var expected = Path.Combine(_root, "datasets", "traces");
        Assert.Contains($"path: {expected}\n", yaml, StringComparison.Ordinal);
        Assert.Equal(expected, ((TraceFolderOptions)read.Dataset.Options).Path);
        Assert.Equal(ConfigExporter.ToYaml(config).Split('\n')[1..], ConfigExporter.ToYaml(read).Split('\n')[1..]);
    }

    [Fact]
    public void GivenEveryDatasetType_WhenItsOptionsNameAPathRelativeToTheExperimentFile_ThenTheOptionIsMarkedAsAPath()
    {
        // A path option not marked would be written relative into config.yaml, and a reused run would read another folder.
        var unmarked = DatasetRegistry.Default.All
            .SelectMany(d => d.Parameters.Select(p => (d.Type, Parameter: p)))
            .Where(p => p.Parameter.Description.Contains("relative to the experiment file", StringComparison.OrdinalIgnoreCase) && !p.Parameter.IsPath)
            .Select(p => $"{p.Type}.{p.Parameter.YamlName}")
            .ToArray();

        Assert.Empty(unmarked);
        Assert.Contains(DatasetRegistry.Default.All.SelectMany(d => d.Parameters), p => p.IsPath);
    }

    private static string Json(RunManifest manifest) => System.Text.Json.JsonSerializer.Serialize(manifest, JsonFile.Options);
}
