namespace SyscallBench.Cli.Tests.Commands;

[Collection("Cli")]
public sealed class GeneralizationExperimentTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-gen-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void GivenTheGeneralizationStudyAtTestSize_WhenRun_ThenGeneralizationCsvAndTheReportSectionAreWritten()
    {
        // Given: the detectors of experiments/generalization-888.yaml, one regime, two seeds, a tiny LSTM
        var path = Path.Combine(_temp, "generalization.yaml");
        File.WriteAllText(path, """
            name: gen-test
            dataset:
              type: generalization
              params: {regime: pattern_unseen, copies_per_rule: 5, filler_traces: 20}
            detectors:
              - {name: lstm, type: lstm, params: {embedding_size: 4, hidden_size: 8, dropout: 0, max_epochs: 3, validation_fraction: 0, threads: 1}}
              - {name: ngram-4, type: ngram, params: {order: 4}}
              - {name: stide-4, type: stide, params: {window_length: 4}}
              - {name: ocsvm, type: ocsvm}
            evaluation: {bootstrap_resamples: 0}
            seeds: [1, 2]
            """);

        // When
        var (exitCode, output) = CliHarness.Run(path, "--output", Path.Combine(_temp, "results"));

        // Then: one row per seed for the seed-dependent lstm and ocsvm, one for the deterministic ngram and
        // stide (fitted once); stide flags the unseen run; lstm and ngram predict
        Assert.True(exitCode == 0, output);
        var run = Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "results", "gen-test")));
        var lines = File.ReadAllLines(Path.Combine(run, "generalization.csv"));
        Assert.StartsWith("detector,type,seed,run,successor,score,train_threshold,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + (2 * 2) + 2, lines.Length);
        var stide = lines.Where(l => l.StartsWith("stide-4,", StringComparison.Ordinal)).ToArray();
        Assert.Single(stide);
        Assert.All(stide, l => Assert.Contains(",8 8 8,9,1,0,0,false,8,8,0,", l, StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.StartsWith("lstm,", StringComparison.Ordinal) || l.StartsWith("ngram-4,", StringComparison.Ordinal)),
            l => Assert.Matches(",(true|false),[0-9]+,[0-9.eE-]+$", l));
        var report = File.ReadAllText(Path.Combine(run, "report.html"));
        Assert.Contains("<section id=\"generalization\">", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "probes.json")));

        // And `report` rebuilds the same page, generalization section included, from probes.json
        File.Delete(Path.Combine(run, "report.html"));
        var (reportExit, reportOutput) = CliHarness.Run("report", run);
        Assert.True(reportExit == 0, reportOutput);
        Assert.Equal(report, File.ReadAllText(Path.Combine(run, "report.html")));
    }
}
