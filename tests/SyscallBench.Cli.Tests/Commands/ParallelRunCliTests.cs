using SyscallBench.Core.Running.Workers;

namespace SyscallBench.Cli.Tests.Commands;

/// <summary>
/// `--parallel` with an LSTM beside CPU-only detectors: the same files as a sequential run, whether the LSTM is
/// fitted in this process (the CLI's code called in the test host) or in fit worker processes (the built CLI).
/// </summary>
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

    [BuiltCliFact]
    public void GivenTwoLstmSeeds_WhenTheBuiltCliRunsThemTwoAtATime_ThenWorkerProcessesFitThemWithTheScoresOfASequentialRun()
    {
        // Given a tiny LSTM with dropout and early stopping (the generator and the held-out slice both matter), two seeds
        var path = Path.Combine(_temp, "parallel.yaml");
        File.WriteAllText(path, """
            name: parallel
            dataset:
              type: generalization
              params: {regime: pattern_unseen, copies_per_rule: 5, filler_traces: 20}
            detectors:
              - {name: lstm, type: lstm, params: {embedding_size: 4, hidden_size: 8, dropout: 0.2, max_epochs: 3}}
              - {name: ngram-3, type: ngram, params: {order: 3}}
            evaluation: {bootstrap_resamples: 20}
            seeds: [1, 2]
            """);

        // When it runs one unit at a time in this process, and two at a time with the built CLI (its own folders)
        var sequential = CliHarness.Run(path, "--output", Path.Combine(_temp, "sequential"));
        var parallel = BuiltCli("run", path, "--parallel", "2", "--output", Path.Combine(_temp, "parallel"));

        // Then the built CLI said the LSTM is fitted in worker processes, and the scores and saved models' training are identical
        Assert.True(sequential.ExitCode == 0, sequential.Output);
        Assert.True(parallel.ExitCode == 0, parallel.Describe());
        Assert.Contains("(lstm fitted in worker processes)", parallel.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("  lstm (seed 1): ", parallel.StandardOutput, StringComparison.Ordinal); // the workers' progress, told apart
        Assert.Contains("  lstm (seed 2): ", parallel.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllLines(ScoresOf("sequential")), File.ReadAllLines(ScoresOf("parallel")));
        foreach (var seed in new[] { "seed-1", "seed-2" })
        {
            Assert.Equal(TrainingOf("sequential", seed), TrainingOf("parallel", seed));
        }
    }

    [BuiltCliFact]
    public void GivenAnLstmThatCannotFit_WhenAWorkerFitsIt_ThenTheRunExitsOneWithTheWorkersReasonAndLeavesNoRun()
    {
        // Given an LSTM asking for a GPU this machine does not have
        var path = Path.Combine(_temp, "cuda.yaml");
        File.WriteAllText(path, """
            name: cuda
            dataset: {type: synthetic, params: {train_traces: 20, test_normal_traces: 10, attack_traces_per_family: 2}}
            detectors:
              - {name: lstm, type: lstm, params: {embedding_size: 4, hidden_size: 8, max_epochs: 1, device: cuda}}
              - {name: stide, type: stide}
            seeds: [1, 2]
            """);

        // When the built CLI runs it two units at a time
        var run = BuiltCli("run", path, "--parallel", "2", "--output", Path.Combine(_temp, "cuda-out"));

        // Then it exits 1 naming the detector, the worker and the worker's reason, without a stack trace or a run folder
        // (both seeds' fits start at once, first in the queue, and fail alike: the run reports the first to fail)
        Assert.True(run.ExitCode == 1, run.Describe());
        Assert.Matches(@"Detector 'lstm' \(seed [12]\): its fit worker process failed \(exit code 1\)", run.StandardOutput);
        Assert.Contains("device: cuda was requested", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        var runs = Path.Combine(_temp, "cuda-out", "cuda");
        Assert.True(!Directory.Exists(runs) || Directory.GetDirectories(runs).Length == 0, "a run folder was left");
    }

    [BuiltCliFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void GivenARunWithFitWorkers_WhenTheRunIsKilledOutright_ThenItsWorkersEndAndRemoveTheirRequests()
    {
        // Given a run whose LSTM fits in workers for minutes (many epochs, no early stopping)
        var path = Path.Combine(_temp, "long.yaml");
        File.WriteAllText(path, """
            name: long
            dataset: {type: synthetic, params: {train_traces: 200}}
            detectors:
              - {name: lstm, type: lstm, params: {max_epochs: 1000, validation_fraction: 0}}
            seeds: [1, 2]
            parallel: 2
            """);
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true };
        // A temporary folder of its own, where the run writes its workers' request folders.
        var requests = Directory.CreateDirectory(Path.Combine(_temp, "tmp")).FullName;
        start.Environment["TMPDIR"] = requests;
        foreach (var argument in new[] { Path.Combine(BuiltCliFactAttribute.Tool, "syscallbench.dll"), "run", path, "--output", Path.Combine(_temp, "long-out") })
        {
            start.ArgumentList.Add(argument);
        }

        using var run = System.Diagnostics.Process.Start(start)!;
        run.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        try
        {
            var workers = WaitFor(() => WorkersOf(run.Id), found => found.Length == 2, TimeSpan.FromMinutes(2));
            Assert.True(workers.Length == 2, $"found {workers.Length} fit workers of the run");
            Assert.Equal(2, Directory.GetDirectories(requests, FitWorkerRequest.FolderPrefix + "*").Length);

            // When the run is killed with SIGKILL (no chance to stop its workers itself)
            run.Kill();
            run.WaitForExit();

            // Then every worker has ended within seconds, and removed its request folder
            var left = WaitFor(() => workers.Where(pid => Directory.Exists($"/proc/{pid}")).ToArray(), alive => alive.Length == 0, TimeSpan.FromSeconds(20));
            Assert.True(left.Length == 0, $"workers still running after the run was killed: {string.Join(", ", left)}");
            Assert.Empty(Directory.GetDirectories(requests, FitWorkerRequest.FolderPrefix + "*"));
        }
        finally
        {
            if (!run.HasExited)
            {
                run.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Processes whose parent is the run and whose command line is `... fit-worker FOLDER`.</summary>
    private static int[] WorkersOf(int run) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsDigit)).Select(int.Parse!)
            .Where(pid =>
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{pid}/stat");
                    var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                    return parent == run && File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').Contains("fit-worker");
                }
                catch (IOException)
                {
                    return false; // it ended while we looked
                }
            })
            .ToArray();

    private static T WaitFor<T>(Func<T> look, Func<T, bool> done, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var seen = look();
        while (!done(seen) && clock.Elapsed < timeout)
        {
            Thread.Sleep(200);
            seen = look();
        }

        return seen;
    }

    private static ShellResult BuiltCli(params string[] args) =>
        ShellCommand.Run("dotnet", [Path.Combine(BuiltCliFactAttribute.Tool, "syscallbench.dll"), .. args], CliHarness.RepositoryRoot,
            new Dictionary<string, string>(), TimeSpan.FromMinutes(5));

    /// <summary>The saved model's training summary (epochs, losses), without the timings that differ between any two fits.</summary>
    private string TrainingOf(string results, string seed)
    {
        var file = Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(_temp, results, "parallel"))), "models", "lstm", seed, "lstm.json");
        var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!["Summary"]!;
        foreach (var epoch in summary["Epochs"]!.AsArray())
        {
            epoch!.AsObject().Remove("Seconds");
            epoch.AsObject().Remove("SyscallsPerSecond");
        }

        return summary.ToJsonString();
    }

    private string ScoresOf(string results) =>
        Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(_temp, results, "parallel"))), "scores.csv");
}

/// <summary>A fact that needs the built CLI (the root project, which Experiments.sln builds); says so when skipped.</summary>
public sealed class BuiltCliFactAttribute : FactAttribute
{
    /// <summary>The built CLI's folder, in the configuration these tests were built in.</summary>
    public static string Tool => ScenarioFactAttribute.Tool;

    public BuiltCliFactAttribute()
    {
        if (!File.Exists(Path.Combine(Tool, "syscallbench.dll")))
        {
            Skip = $"the CLI is not built at {Tool} (dotnet build SyscallBench.csproj; dotnet test Experiments.sln builds it).";
        }
    }
}
