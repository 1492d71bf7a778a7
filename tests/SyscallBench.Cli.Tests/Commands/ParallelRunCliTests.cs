namespace SyscallBench.Cli.Tests.Commands;

/// <summary>`--parallel` with an LSTM beside CPU-only detectors: the same files as a sequential run.</summary>
[Collection("Cli")]
public sealed class ParallelRunCliTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-parallel-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void GivenAnLstmBesideOtherUnits_WhenRunInParallel_ThenScoresEqualASequentialRun()
    {
        // Given a tiny LSTM (libtorch's default thread count), two seed-dependent CPU detectors and two seeds
        var path = Path.Combine(_temp, "parallel.yaml");
        File.WriteAllText(path, """
            name: parallel
            dataset:
              type: generalization
              params: {regime: pattern_unseen, copies_per_rule: 5, filler_traces: 20}
            detectors:
              - {name: ocsvm, type: ocsvm}
              - {name: lstm, type: lstm, params: {embedding_size: 4, hidden_size: 8, dropout: 0, max_epochs: 2, validation_fraction: 0}}
              - {name: pca, type: pca}
              - {name: ngram-3, type: ngram, params: {order: 3}}
            evaluation: {bootstrap_resamples: 20}
            seeds: [1, 2]
            save_models: false
            """);

        // When it runs one unit at a time and three at a time (separate results folders: no shared cache)
        var sequential = CliHarness.Run(path, "--output", Path.Combine(_temp, "sequential"));
        var parallel = CliHarness.Run(path, "--parallel", "3", "--output", Path.Combine(_temp, "parallel"));

        // Then both succeed and their scores are identical
        Assert.True(sequential.ExitCode == 0, sequential.Output);
        Assert.True(parallel.ExitCode == 0, parallel.Output);
        Assert.Equal(File.ReadAllLines(ScoresOf("sequential")), File.ReadAllLines(ScoresOf("parallel")));
    }

    private string ScoresOf(string results) =>
        Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(_temp, results, "parallel"))), "scores.csv");
}
