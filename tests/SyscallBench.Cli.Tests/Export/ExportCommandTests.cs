using System.Text.Json;

namespace SyscallBench.Cli.Tests.Export;

[Collection("Cli")]
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-export-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>A small synthetic experiment with the default One-Class SVM and a binary-feature PCA.</summary>
    private string Experiment()
    {
        var path = Path.Combine(_temp, "svm.yaml");
        File.WriteAllText(path, $$"""
            name: svm
            dataset: {type: synthetic, params: {seed: 5, train_traces: 40, test_normal_traces: 30, attack_traces_per_family: 6} }
            detectors:
              - {name: ocsvm, type: ocsvm}
              - {name: pca-binary, type: pca, params: {weighting: binary} }
            evaluation: {bootstrap_resamples: 50}
            seeds: [1]
            output: {{Path.Combine(_temp, "results")}}
            """);
        return path;
    }

    private string RunFolder(string experiment)
    {
        var (exitCode, output) = CliHarness.Run(experiment);
        Assert.True(exitCode == 0, output);
        return Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "results", "svm")));
    }

    private string Export(string experiment, string format)
    {
        var folder = Path.Combine(_temp, "export-" + format);
        var (exitCode, output) = CliHarness.Run("export", experiment, folder, "--format", format);
        Assert.True(exitCode == 0, output);
        return folder;
    }

    [ScikitLearnFact]
    public void GivenARun_WhenItsFeaturesAreExportedAsSvmlight_ThenScikitLearnsOneClassSvmReproducesTheRunsScores() =>
        AssertScikitLearnReproduces("svmlight");

    [ScikitLearnFact]
    public void GivenARun_WhenItsFeaturesAreExportedAsCsv_ThenScikitLearnsOneClassSvmReproducesTheRunsScores() =>
        AssertScikitLearnReproduces("csv");

    private void AssertScikitLearnReproduces(string format)
    {
        // Given a run of the experiment and its export
        var experiment = Experiment();
        var run = RunFolder(experiment);
        var export = Export(experiment, format);

        // When scikit-learn fits its OneClassSVM on the exported training rows and scores the exported test rows
        var result = ShellCommand.Run(ExternalTools.Python,
            [Path.Combine(CliHarness.RepositoryRoot, "tests", "tools", "sklearn_on_export.py"), export, "ocsvm", run],
            _temp, new Dictionary<string, string>(), TimeSpan.FromMinutes(2));

        // Then every test trace's score equals the run's (the script exits 1 on any difference beyond libsvm's tolerance)
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("largest difference", result.StandardOutput, StringComparison.Ordinal);
    }

    [WekaFact]
    public void GivenAnExperiment_WhenExportedAsArff_ThenWekaReadsEveryFileWithTheRowsAndAttributesItWasGiven()
    {
        // Given an export in ARFF
        var export = Export(Experiment(), "arff");
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(export, "features.json")));
        var sets = meta.RootElement.GetProperty("feature_sets").EnumerateArray().ToArray();
        Assert.Equal(["ocsvm", "pca-binary"], sets.Select(s => s.GetProperty("detector").GetString()));

        foreach (var set in sets)
        {
            foreach (var split in new[] { "train", "test" })
            {
                // When WEKA's command line loads the file and prints its summary
                var file = Path.Combine(export, $"features-{set.GetProperty("detector").GetString()}-{split}.arff");
                var result = Weka(file);

                // Then it reads it, with every row and the features plus trace_id, split, family and label
                Assert.True(result.ExitCode == 0, result.Describe());
                var rows = set.GetProperty(split + "_rows").GetInt32();
                var attributes = set.GetProperty("feature_count").GetInt32() + 4;
                Assert.Matches($@"Num Instances:\s+{rows}\b", result.StandardOutput);
                Assert.Matches($@"Num Attributes:\s+{attributes}\b", result.StandardOutput);
            }
        }

        // And the sequences file too (one row per trace, train then test)
        var sequences = Weka(Path.Combine(export, "sequences.arff"));
        Assert.True(sequences.ExitCode == 0, sequences.Describe());
        Assert.Matches(@"Num Attributes:\s+6\b", sequences.StandardOutput);
    }

    private ShellResult Weka(string file) =>
        ShellCommand.Run("java", ["-cp", ExternalTools.WekaJar, "weka.core.Instances", file], _temp, new Dictionary<string, string>(), TimeSpan.FromMinutes(2));

    [Fact]
    public void GivenAnExperiment_WhenExportedAsParquet_ThenEveryTraceIsARowWithItsSparseFeaturesAndItsCalls()
    {
        // Given an export in Parquet
        var export = Export(Experiment(), "parquet");

        // When the files are read back with Parquet.Net
        var train = ReadParquet<Core.DataExport.ParquetFormat.FeatureRecord>(Path.Combine(export, "features-ocsvm-train.parquet"));
        var test = ReadParquet<Core.DataExport.ParquetFormat.FeatureRecord>(Path.Combine(export, "features-ocsvm-test.parquet"));
        var sequences = ReadParquet<Core.DataExport.ParquetFormat.SequenceRecord>(Path.Combine(export, "sequences.parquet"));

        // Then the rows are the dataset's traces, labelled, with ascending feature indices and all their calls
        Assert.Equal(40, train.Count);
        Assert.All(train, r => Assert.Equal("normal", r.Label));
        Assert.Equal(30 + test.Count(r => r.Label == "attack"), test.Count);
        Assert.Contains(test, r => r.Label == "attack" && r.Family is not null);
        Assert.All(train.Concat(test), r =>
        {
            Assert.Equal(r.FeatureIndices.Count, r.FeatureValues.Count);
            Assert.Equal(r.FeatureIndices.Order(), r.FeatureIndices);
        });
        Assert.Equal(train.Count + test.Count, sequences.Count);
        Assert.All(sequences, s => Assert.NotEmpty(s.Calls));
    }

    private static IList<T> ReadParquet<T>(string path)
        where T : class, new()
    {
        using var stream = File.OpenRead(path);
        return Parquet.Serialization.ParquetSerializer.DeserializeAsync<T>(stream).GetAwaiter().GetResult().Data;
    }

    [Fact]
    public void GivenAFolderThatHoldsFiles_WhenExportedIntoIt_ThenItFailsNamingItAndWritesNothing()
    {
        // Given a folder with a file in it
        var folder = Path.Combine(_temp, "taken");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");

        // When exported into it
        var (exitCode, output) = CliHarness.Run("export", Experiment(), folder, "--format", "csv");

        // Then it exits 1 naming the folder, and the folder holds only what it held
        Assert.Equal(1, exitCode);
        Assert.Contains("taken: already exists", output, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void GivenAnUnknownFormatOrDetector_WhenExported_ThenItFailsWithTheChoicesAndWritesNothing()
    {
        // Given an experiment
        var experiment = Experiment();

        // When asked for a format or a detector it does not have
        var (formatExit, formatOutput) = CliHarness.Run("export", experiment, Path.Combine(_temp, "a"), "--format", "xlsx");
        var (detectorExit, detectorOutput) = CliHarness.Run("export", experiment, Path.Combine(_temp, "b"), "--format", "csv", "--detector", "lstm");

        // Then both fail with what exists, and write no folder
        Assert.Equal(1, formatExit);
        Assert.Contains("arff, svmlight, csv, parquet", formatOutput, StringComparison.Ordinal);
        Assert.Equal(1, detectorExit);
        Assert.Contains("its detectors: ocsvm, pca-binary", detectorOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp, "a")));
        Assert.False(Directory.Exists(Path.Combine(_temp, "b")));
        Assert.Empty(Directory.GetDirectories(_temp, ".*partial"));
    }
}
