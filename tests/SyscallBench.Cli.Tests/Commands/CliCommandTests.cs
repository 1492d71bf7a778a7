namespace SyscallBench.Cli.Tests.Commands;

[Collection("Cli")]
public sealed class CliCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private string WriteExperiment(string yaml)
    {
        var path = Path.Combine(_temp, "experiment.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private string ResultsFolder => Path.Combine(_temp, "results");

    private void AssertNoResultsWritten() =>
        Assert.False(Directory.Exists(ResultsFolder) && Directory.EnumerateFileSystemEntries(ResultsFolder, "*", SearchOption.AllDirectories)
            .Any(p => File.Exists(p)), "no result file may be written by a failed run");

    [Fact]
    public void GivenTheQuickstart_WhenRun_ThenItPrintsTheResultsTableAndReportRebuildsTheSamePage()
    {
        // Given the README's first command, with results redirected to a temporary folder
        var (exitCode, output) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--output", ResultsFolder);

        // Then it succeeds, prints the table, and writes a complete run folder
        Assert.True(exitCode == 0, output);
        Assert.Contains("ROC AUC", output, StringComparison.Ordinal);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(ResultsFolder, "quickstart")));
        foreach (var file in new[] { "config.yaml", "manifest.json", "metrics.csv", "metrics.json", "comparisons.csv", "scores.csv", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }

        // And `report RUN_DIR` regenerates the same report from the saved files alone
        var original = File.ReadAllText(Path.Combine(run, "report.html"));
        File.Delete(Path.Combine(run, "report.html"));
        var (reportExit, reportOutput) = CliHarness.Run("report", run);
        Assert.True(reportExit == 0, reportOutput);
        Assert.Equal(original, File.ReadAllText(Path.Combine(run, "report.html")));
    }

    [Fact]
    public void GivenARunOverSeveralSeeds_WhenReportIsRegenerated_ThenSummaryAndComparisonsAreTheSame()
    {
        // Given a seed-dependent detector (pca) and a deterministic one (stide, fitted once) over two seeds
        var experiment = WriteExperiment($$"""
            name: two-seeds
            dataset: {type: synthetic, params: {seed: 3} }
            detectors: [{name: stide-4, type: stide, params: {window_length: 4} }, {name: pca, type: pca}]
            evaluation: {bootstrap_resamples: 100}
            seeds: [1, 2]
            output: {{ResultsFolder}}
            """);

        // When run
        var (exitCode, output) = CliHarness.Run(experiment);

        // Then the report has the mean ± std table and the comparison matrix
        Assert.True(exitCode == 0, output);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(ResultsFolder, "two-seeds")));
        Assert.True(File.Exists(Path.Combine(run, "seed_summary.csv")));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "comparisons.csv")).Length);
        var original = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Contains("<td class=\"name\">pca (2 seeds)</td>", original, StringComparison.Ordinal);
        Assert.Contains("<section id=\"comparisons\">", original, StringComparison.Ordinal);

        // And `report RUN_DIR` rebuilds the identical page from the saved files
        File.Delete(Path.Combine(run, "report.html"));
        var (reportExit, reportOutput) = CliHarness.Run("report", run);
        Assert.True(reportExit == 0, reportOutput);
        Assert.Equal(original, File.ReadAllText(Path.Combine(run, "report.html")));
    }

    [Theory]
    [InlineData("manifest.json", "{", "not a valid run manifest")]
    [InlineData("splits/official.json", "{}", "not a split manifest: missing name, protocol")]
    public void GivenARunFolderWithADamagedFile_WhenReported_ThenTheErrorNamesTheFileAndWhyAndExitsWithOne(string file, string content, string why)
    {
        // Given a finished run whose file is damaged
        var experiment = WriteExperiment($$"""
            name: damaged
            dataset: {type: synthetic, params: {seed: 3} }
            detectors: [{name: stide-4, type: stide, params: {window_length: 4} }]
            evaluation: {bootstrap_resamples: 0}
            output: {{ResultsFolder}}
            """);
        var (runExit, runOutput) = CliHarness.Run(experiment);
        Assert.True(runExit == 0, runOutput);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(ResultsFolder, "damaged")));
        var damaged = Path.Combine(run, file);
        File.WriteAllText(damaged, content);
        var report = File.ReadAllText(Path.Combine(run, "report.html"));

        // When its report is regenerated
        var (exitCode, output) = CliHarness.Run("report", run);

        // Then it stops with exit code 1 and a message naming the file and the cause, and leaves the report alone
        var message = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.Equal(1, exitCode);
        Assert.Contains($"error: {damaged}: ", message, StringComparison.Ordinal);
        Assert.Contains(why, message, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", output, StringComparison.Ordinal);
        Assert.Equal(report, File.ReadAllText(Path.Combine(run, "report.html")));
    }

    [Fact]
    public void GivenEveryShippedExperiment_WhenValidated_ThenItIsValid()
    {
        // Given every experiment in experiments/ and its subfolders (experiments/bench/)
        var files = Directory.GetFiles(Path.Combine(CliHarness.RepositoryRoot, "experiments"), "*.yaml", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.Contains(Path.Combine("experiments", "bench"), StringComparison.Ordinal));

        // Datasets each user downloads (git-ignored folders under datasets/, e.g. datasets/lid-ds/) may be missing here:
        // an experiment pointing into one is valid when that missing path is its only problem.
        var downloadFolders = File.ReadAllLines(Path.Combine(CliHarness.RepositoryRoot, ".gitignore"))
            .Where(line => line.StartsWith("datasets/", StringComparison.Ordinal) && line.EndsWith('/'))
            .Select(line => Path.Combine(CliHarness.RepositoryRoot, line.TrimEnd('/')) + Path.DirectorySeparatorChar)
            .ToArray();
        Assert.NotEmpty(downloadFolders);

        foreach (var file in files)
        {
            // When validated, then each is valid, or misses only data the user downloads
            var (exitCode, output) = CliHarness.Run("validate", file);
            if (exitCode != 0 && MissesOnlyDownloads(output, downloadFolders))
            {
                continue;
            }

            Assert.True(exitCode == 0, $"{file}: {output}");
            Assert.Contains("valid", output, StringComparison.Ordinal);
        }
    }

    /// <summary>Every error line says a dataset path does not exist, and each such path is inside a download folder.</summary>
    private static bool MissesOnlyDownloads(string output, IReadOnlyList<string> downloadFolders)
    {
        var errors = output.Split('\n').Where(line => line.Contains("error", StringComparison.Ordinal)).ToArray();
        var missing = System.Text.RegularExpressions.Regex.Matches(output, @"does not exist \((?<path>[^)]+)\)")
            .Select(m => Path.GetFullPath(m.Groups["path"].Value))
            .ToArray();
        return errors.Length > 0 && missing.Length == errors.Length
            && missing.All(path => downloadFolders.Any(folder => path.StartsWith(folder, StringComparison.Ordinal)));
    }

    [Fact]
    public void GivenBrokenYaml_WhenRun_ThenItFailsAtItsPlaceAndWritesNothing()
    {
        var path = WriteExperiment("name: broken\ndataset: {type: synthetic\ndetectors: []\n");

        var (exitCode, output) = CliHarness.Run(path, "--output", ResultsFolder);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{path}:", output, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", output, StringComparison.Ordinal);
        AssertNoResultsWritten();
    }

    [Fact]
    public void GivenAGridAndAnEnsembleOfItsVariants_WhenRun_ThenVariantsAreReferencedAndReportRebuildsThePage()
    {
        // Given a window sweep and an ensemble of two of its variants
        var experiment = WriteExperiment($$"""
            name: sweep
            dataset: {type: synthetic, params: {seed: 3} }
            detectors:
              - name: stide
                type: stide
                grid: {window_length: "3..5"}
              - {name: both, type: ensemble, params: {members: [stide.window_length=3, stide.window_length=5]} }
            evaluation: {bootstrap_resamples: 100}
            output: {{ResultsFolder}}
            """);

        // When run
        var (exitCode, output) = CliHarness.Run(experiment);

        // Then every variant ran, has its model folder, and the report plots the sweep
        Assert.True(exitCode == 0, output);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(ResultsFolder, "sweep")));
        foreach (var window in new[] { 3, 4, 5 })
        {
            Assert.True(Directory.Exists(Path.Combine(run, "models", $"stide.window_length={window}")), output);
        }

        var original = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Contains("<section id=\"sweeps\">", original, StringComparison.Ordinal);
        Assert.Equal(7, File.ReadAllLines(Path.Combine(run, "comparisons.csv")).Length);

        // And `report` rebuilds the same page from config.yaml's grid
        File.Delete(Path.Combine(run, "report.html"));
        var (reportExit, reportOutput) = CliHarness.Run("report", run);
        Assert.True(reportExit == 0, reportOutput);
        Assert.Equal(original, File.ReadAllText(Path.Combine(run, "report.html")));
    }

    [Fact]
    public void GivenABadGridValue_WhenRun_ThenTheErrorIsReportedAtItsPlace()
    {
        var path = WriteExperiment("""
            name: bad-grid
            dataset: {type: synthetic}
            detectors:
              - {name: stide, type: stide, grid: {window_length: [3, 0, 4]}}
              - {name: ngram, type: ngram, grid: {ordr: [2, 3]}}
            """);

        var (exitCode, output) = CliHarness.Run("validate", path);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{path}:4:58: detectors[0].grid.window_length: must be at least 1, got 0", output, StringComparison.Ordinal);
        Assert.Contains($"{path}:5:39: detectors[1].grid.ordr: unknown parameter 'ordr'; valid parameters:", output, StringComparison.Ordinal);
        Assert.Contains("2 errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnUnknownDetectorType_WhenRun_ThenTheErrorListsTheValidTypes()
    {
        var path = WriteExperiment("""
            name: unknown-detector
            dataset: {type: synthetic}
            detectors:
              - {name: x, type: isolation-forest}
            """);

        var (exitCode, output) = CliHarness.Run("validate", path);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{path}:4:", output, StringComparison.Ordinal);
        Assert.Contains("unknown detector type 'isolation-forest'; valid types:", output, StringComparison.Ordinal);
        Assert.Contains("stide", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAWrongDatasetPath_WhenRun_ThenItFailsClearlyAndWritesNothing()
    {
        var path = WriteExperiment("""
            name: wrong-path
            dataset: {type: adfa-ld, params: {path: no/such/ADFA-LD.zip}}
            detectors: [{type: stide}]
            """);

        var (exitCode, output) = CliHarness.Run(path, "--output", ResultsFolder);

        Assert.Equal(1, exitCode);
        Assert.Contains("no/such/ADFA-LD.zip", output, StringComparison.Ordinal);
        AssertNoResultsWritten();
    }

    [Fact]
    public void GivenACorruptTraceFile_WhenRun_ThenTheErrorNamesFileLineAndToken()
    {
        // Given an ADFA-LD folder whose one validation trace holds a non-integer token
        var root = Path.Combine(_temp, "ADFA-LD");
        Directory.CreateDirectory(Path.Combine(root, "Training_Data_Master"));
        Directory.CreateDirectory(Path.Combine(root, "Validation_Data_Master"));
        Directory.CreateDirectory(Path.Combine(root, "Attack_Data_Master", "Adduser_1"));
        File.WriteAllText(Path.Combine(root, "Training_Data_Master", "UTD-0001.txt"), "3 4 5 6 ");
        File.WriteAllText(Path.Combine(root, "Validation_Data_Master", "UVD-0001.txt"), "3 4 x7 6 ");
        File.WriteAllText(Path.Combine(root, "Attack_Data_Master", "Adduser_1", "UAD-Adduser-1-1.txt"), "3 11 11 6 ");
        var path = WriteExperiment($$$"""
            name: corrupt
            dataset: {type: adfa-ld, params: {path: {{{root}}}}}
            detectors: [{type: stide}]
            """);

        // When it runs
        var (exitCode, output) = CliHarness.Run(path, "--output", ResultsFolder);

        // Then the message names the file, the line and the token, and nothing is written
        Assert.Equal(1, exitCode);
        Assert.Contains("UVD-0001.txt:1", output, StringComparison.Ordinal);
        Assert.Contains("x7", output, StringComparison.Ordinal);
        AssertNoResultsWritten();
    }

    [Fact]
    public void GivenTheCatalog_WhenListed_ThenEveryRegisteredDetectorShowsWithItsDefaults()
    {
        var (exitCode, output) = CliHarness.Run("list");

        Assert.Equal(0, exitCode);
        foreach (var type in DetectorCatalog.Detectors.Types)
        {
            Assert.Contains(type, output, StringComparison.Ordinal);
        }

        Assert.Contains("window_length", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenEveryCommand_WhenAskedForHelp_ThenItPrintsIt()
    {
        foreach (var command in new[] { "run", "validate", "list", "explore", "report", "bench", "predict" })
        {
            var (exitCode, output) = CliHarness.Run(command, "--help");
            Assert.Equal(0, exitCode);
            Assert.Contains("USAGE", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GivenAnExperiment_WhenExplored_ThenTheDatasetOverviewIsWrittenWithoutFittingDetectors()
    {
        // Given an experiment file that names only a dataset
        var path = WriteExperiment("""
            name: look
            dataset: {type: synthetic, params: {seed: 3}}
            """);

        // When explored
        var (exitCode, output) = CliHarness.Run("explore", path, "--output", ResultsFolder);

        // Then an offline overview page is written and the counts are printed
        Assert.True(exitCode == 0, output);
        Assert.Contains("300 train", output, StringComparison.Ordinal);
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(ResultsFolder, "look")));
        var html = File.ReadAllText(Path.Combine(folder, "overview.html"));
        Assert.Contains("n-gram novelty", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void GivenAnExperiment_WhenBenched_ThenThroughputAndMemoryArePrintedPerDetectorAndNoResultsAreKept()
    {
        // Given a small experiment
        var path = WriteExperiment($$$"""
            name: speed
            dataset: {type: synthetic, params: {seed: 5, train_traces: 40, test_normal_traces: 40, attack_traces_per_family: 5}}
            detectors: [{name: s6, type: stide}, {name: lm3, type: ngram}]
            output: {{{ResultsFolder}}}
            """);
        var json = Path.Combine(_temp, "bench", "speed.json");

        // When benchmarked twice after one warm-up, the medians also written as JSON
        var (exitCode, output) = CliHarness.Run("bench", path, "--repeat", "2", "--warmup", "1", "--json", json);

        // Then each detector gets a row with one-thread and all-core throughput and memory, the machine is
        // named, and no results folder is left behind
        Assert.True(exitCode == 0, output);
        Assert.Contains("median of 2 run(s)", output, StringComparison.Ordinal);
        Assert.Contains("(1 thread)", output, StringComparison.Ordinal);
        Assert.Contains("peak MB", output, StringComparison.Ordinal);
        Assert.Matches(@"s6\s+│\s+\d+\.\d{3}\s+│\s+[\d,]+\s+│", output);
        Assert.Contains("lm3", output, StringComparison.Ordinal);
        AssertNoResultsWritten();

        // And the JSON renders as the README's markdown table, with the command that reproduces it
        var (tableExit, table) = CliHarness.Run("bench-table", json);
        Assert.True(tableExit == 0, table);
        Assert.Contains("| data (train / test calls) | detector |", table, StringComparison.Ordinal);
        Assert.Matches(@"\| synthetic \(0\.\d\dM / 0\.\d\dM\) \| s6 \| [\d.]+[Mk] \|", table);
        Assert.Contains("**all 2 together**", table, StringComparison.Ordinal);
        Assert.Contains($"dotnet run -- bench {path} --repeat 2 --json {json}", table, StringComparison.Ordinal);

        // And --into puts that table between the markers of a markdown file, replacing the old one, keeping the rest
        var readme = Path.Combine(_temp, "README.md");
        File.WriteAllText(readme, "# Title\n<!-- bench-table:begin -->\nold table\n<!-- bench-table:end -->\nafter\n");
        var (intoExit, intoOutput) = CliHarness.Run("bench-table", json, "--into", readme);
        Assert.True(intoExit == 0, intoOutput);
        Assert.Equal("# Title\n<!-- bench-table:begin -->\n" + table + "<!-- bench-table:end -->\nafter\n", File.ReadAllText(readme));
    }

    [Fact]
    public void GivenAFileThatIsNotABenchmark_WhenTabled_ThenTheErrorNamesIt()
    {
        var notBench = Path.Combine(_temp, "metrics.json");
        File.WriteAllText(notBench, "[1, 2]");

        var (exitCode, output) = CliHarness.Run("bench-table", notBench);

        Assert.Equal(1, exitCode);
        Assert.Contains("not a benchmark report", output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenASavedLanguageModel_WhenPredicting_ThenTheNextCallDistributionIsShown()
    {
        // Given the quickstart's saved n-gram model
        var (runExit, runOutput) = CliHarness.Run(CliHarness.Experiment("quickstart.yaml"), "--output", ResultsFolder);
        Assert.True(runExit == 0, runOutput);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(ResultsFolder, "quickstart")));

        // When asked what follows a prefix, by number and by name
        var (exitCode, output) = CliHarness.Run("predict", Path.Combine(run, "models", "ngram-3"), "3 4", "--top", "3", "--names");

        // Then three ranked candidates with probabilities are shown, the prefix named
        Assert.True(exitCode == 0, output);
        Assert.Contains("after read (3) write (4)", output, StringComparison.Ordinal);
        Assert.Matches(@"3\s+.*0\.\d{4}", output);

        // And a detector without next-call predictions is a clear error
        var (stideExit, stideOutput) = CliHarness.Run("predict", Path.Combine(run, "models", "stide-6"), "3 4");
        Assert.Equal(1, stideExit);
        Assert.Contains("does not predict next calls", stideOutput, StringComparison.Ordinal);

        // And a prefix call that is neither a number nor a name says so, in English ("an x86-...", not "a x86-...")
        var (unknownExit, unknownOutput) = CliHarness.Run("predict", Path.Combine(run, "models", "ngram-3"), "3 nosuchcall");
        Assert.Equal(1, unknownExit);
        Assert.Contains("'nosuchcall' is neither a syscall number nor an x86-", unknownOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenATinyLstm_WhenBenchedWithLstmLoop_ThenItIsComparedWithABareTorchSharpLoop()
    {
        // Given an experiment with a tiny LSTM
        var path = WriteExperiment($$$"""
            name: lstm-speed
            dataset: {type: synthetic, params: {seed: 5, train_traces: 30, test_normal_traces: 20, attack_traces_per_family: 3}}
            detectors: [{name: tiny, type: lstm, params: {embedding_size: 8, hidden_size: 8, batch_size: 8, chunk_length: 20, threads: 1}}]
            output: {{{ResultsFolder}}}
            """);

        // When benchmarked against the bare loop
        var (exitCode, output) = CliHarness.Run("bench", path, "--lstm-loop", "--repeat", "1");

        // Then both throughputs and their ratio are shown for training and scoring, and nothing is kept
        Assert.True(exitCode == 0, output);
        Assert.Contains("LSTM vs bare TorchSharp loop", output, StringComparison.Ordinal);
        Assert.Matches(@"tiny\s+│\s+[\d,]+\s+│\s+[\d,]+\s+│\s+\d\.\d\d", output);
        AssertNoResultsWritten();
    }
}
