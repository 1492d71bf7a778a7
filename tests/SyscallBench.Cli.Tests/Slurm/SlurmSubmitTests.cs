namespace SyscallBench.Cli.Tests.Slurm;

/// <summary>The cluster the submit tests share, started on first use and stopped after the last.</summary>
public sealed class SlurmClusterFixture : IDisposable
{
    private readonly Lazy<LocalSlurmCluster> _cluster = new(() =>
    {
        var cluster = new LocalSlurmCluster("submit-tests", port: 6827);
        try
        {
            cluster.StartFresh();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    });

    internal LocalSlurmCluster Cluster => _cluster.Value;

    public void Dispose()
    {
        if (_cluster.IsValueCreated)
        {
            _cluster.Value.Dispose();
        }
    }
}

/// <summary>
/// scripts/slurm/submit.sh on a real one-node Slurm cluster: the shard array and the merge job go through
/// the scheduler (sbatch, afterok), and the tests watch them with squeue, scontrol and sacct.
/// </summary>
/// <remarks>
/// The jobs run `dotnet run --no-build` from this checkout, in the configuration these tests were built in,
/// so submit.sh's own build finds everything up to date. The scripts ask for 8 GB per shard (sized for
/// ADFA-LD); these studies need far less, and SBATCH_MEM_PER_NODE lowers it so that smaller machines can
/// run them.
/// </remarks>
public sealed class SlurmSubmitTests(SlurmClusterFixture fixture) : IClassFixture<SlurmClusterFixture>, IDisposable
{
#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static readonly TimeSpan JobsTimeout = TimeSpan.FromMinutes(10);
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-slurm-submit-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [SlurmFact]
    public void GivenAThreeShardStudy_WhenSubmittedToSlurm_ThenTheMergeJobRunsAfterEveryShardAndEqualsTheUnshardedRun()
    {
        // Given: 3 re-splits x 2 deterministic detectors = 6 units, two per shard
        var cluster = fixture.Cluster;
        var experiment = WriteExperiment("slurm-grid", """
            detectors:
              - {name: stide-4, type: stide, params: {window_length: 4}}
              - {name: ngram-3, type: ngram, params: {order: 3}}
            split: {protocol: resplit, k: 3}
            """);

        // When
        var study = Submit(cluster, experiment);
        var queue = SlurmJobs.WaitUntil(cluster, study, "the shards and the merge job to finish",
            q => SlurmJobs.Tasks(q, study).Count == study.Shards && q.All(j => j.IsFinished), JobsTimeout, Logs);

        // Then: every job completed, the merge only after the last shard ended
        Assert.True(queue.All(j => j.State == "COMPLETED"), string.Join('\n', queue) + "\n" + SlurmJobs.Logs(cluster, Logs));
        var lastShardEnd = SlurmJobs.Details(cluster, study.ArrayId).Max(task => DateTime.Parse(task["EndTime"], System.Globalization.CultureInfo.InvariantCulture));
        var mergeStart = DateTime.Parse(Assert.Single(SlurmJobs.Details(cluster, study.MergeId))["StartTime"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(mergeStart >= lastShardEnd, $"merge started {mergeStart:s}, before the last shard ended {lastShardEnd:s}");

        // Then: the merged run has the unsharded run's scores and metrics
        var whole = DotnetRun(cluster, "run", experiment, "--output", Path.Combine(_temp, "whole"));
        Assert.True(whole.ExitCode == 0, whole.Describe());
        var wholeRun = Assert.Single(Directory.GetDirectories(Path.Combine(_temp, "whole", "slurm-grid")));
        var mergedRun = Assert.Single(Directory.GetDirectories(Path.Combine(Merged, "slurm-grid")));
        Assert.Equal(RunFolderFiles.Scores(wholeRun), RunFolderFiles.Scores(mergedRun));
        Assert.Equal(RunFolderFiles.MetricsWithoutTimings(wholeRun), RunFolderFiles.MetricsWithoutTimings(mergedRun));
    }

    [SlurmFact(NeedsCpuOnlyTorch = true)]
    public void GivenAShardThatFails_WhenSubmittedToSlurm_ThenTheMergeJobNeverStartsAndTheFailureShowsInSqueueSacctAndTheShardsLog()
    {
        // Given: three detectors, one per shard; the second asks for a GPU this build cannot use, so shard 2
        // fails on the node (validation on the submitting machine accepts it: the GPU may be on the nodes).
        var cluster = fixture.Cluster;
        var experiment = WriteExperiment("slurm-gpu", """
            detectors:
              - {name: stide-4, type: stide, params: {window_length: 4}}
              - {name: lstm-gpu, type: lstm, params: {device: cuda}}
              - {name: ngram-3, type: ngram, params: {order: 3}}
            """);

        // When
        var study = Submit(cluster, experiment);
        var queue = SlurmJobs.WaitUntil(cluster, study, "the shards to finish and the merge job to wait in vain",
            q => SlurmJobs.Tasks(q, study).Count == study.Shards && SlurmJobs.Tasks(q, study).Values.All(t => t.IsFinished)
                 && (SlurmJobs.Merge(q, study).WaitsInVain || SlurmJobs.Merge(q, study).IsFinished),
            JobsTimeout, Logs);

        // Then: squeue shows shard 2 failed, the others completed, and the merge job pending for good
        var tasks = SlurmJobs.Tasks(queue, study);
        var describe = string.Join('\n', queue) + "\n" + SlurmJobs.Logs(cluster, Logs);
        Assert.True((tasks[1].State, tasks[2].State, tasks[3].State) == ("COMPLETED", "FAILED", "COMPLETED"), describe);
        Assert.True(SlurmJobs.Merge(queue, study).WaitsInVain, describe);
        Assert.Equal("Unknown", Assert.Single(SlurmJobs.Details(cluster, study.MergeId))["StartTime"]);

        // Then: sacct's job-completion records show the failed shard's exit code
        var sacct = cluster.Command("sacct", "--completion", "--noheader", "--parsable2", $"--jobs={tasks[2].RawId}", "--format=JobIDRaw,JobName,State,ExitCode");
        Assert.Contains($"{tasks[2].RawId}|syscallbench-shard|FAILED|1:0", sacct.StandardOutput, StringComparison.Ordinal);

        // Then: the shard's log says why
        var shardLog = File.ReadAllText(Path.Combine(Logs, $"slurm-{study.ArrayId}_2.out"));
        Assert.Contains("device: cuda was requested", shardLog, StringComparison.Ordinal);

        // When the merge job is cancelled, as a user would after reading the failure
        var cancel = cluster.Command("scancel", study.MergeId);
        Assert.True(cancel.ExitCode == 0, cancel.Describe());
        SlurmJobs.WaitUntil(cluster, study, "the merge job to be cancelled", q => SlurmJobs.Merge(q, study).State == "CANCELLED", JobsTimeout, Logs);

        // Then it never ran: no log of its own, no merged run
        Assert.False(File.Exists(Path.Combine(Logs, $"slurm-{study.MergeId}-merge.out")));
        Assert.False(Directory.Exists(Merged) && Directory.EnumerateFileSystemEntries(Merged).Any());
    }

    private string Results => Path.Combine(_temp, "sharded");

    private string Merged => Path.Combine(_temp, "merged");

    private string Logs => Path.Combine(Results, "slurm-logs");

    private string WriteExperiment(string name, string detectorsAndSplit)
    {
        var path = Path.Combine(_temp, name + ".yaml");
        File.WriteAllText(path, $$$"""
            name: {{{name}}}
            dataset: {type: synthetic, params: {seed: 3, train_traces: 60, test_normal_traces: 40, attack_traces_per_family: 5}}
            evaluation: {bootstrap_resamples: 50}

            """ + detectorsAndSplit);
        return path;
    }

    private SubmittedStudy Submit(LocalSlurmCluster cluster, string experiment)
    {
        var environment = new Dictionary<string, string>(BuildEnvironment(cluster))
        {
            ["EXPERIMENT"] = experiment,
            ["SHARDS"] = "3",
            ["RESULTS"] = Results,
            ["MERGED"] = Merged,
            ["SBATCH_MEM_PER_NODE"] = "1G",
        };
        var submit = ShellCommand.Run("bash", ["scripts/slurm/submit.sh"], CliHarness.RepositoryRoot, environment, TimeSpan.FromMinutes(10));
        Assert.True(submit.ExitCode == 0, submit.Describe());
        var study = SubmittedStudy.From(submit);
        Assert.Equal(3, study.Shards);
        return study;
    }

    private static ShellResult DotnetRun(LocalSlurmCluster cluster, params string[] arguments) =>
        ShellCommand.Run("dotnet", ["run", "--no-build", "--", .. arguments], CliHarness.RepositoryRoot,
            BuildEnvironment(cluster), TimeSpan.FromMinutes(10));

    /// <summary>
    /// The cluster's variables plus the build the tests run on (MSBuild reads Configuration from the
    /// environment), and no MSBuild node left running after submit.sh's build.
    /// </summary>
    private static Dictionary<string, string> BuildEnvironment(LocalSlurmCluster cluster) =>
        new(cluster.Environment)
        {
            ["Configuration"] = BuildConfiguration,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
}
