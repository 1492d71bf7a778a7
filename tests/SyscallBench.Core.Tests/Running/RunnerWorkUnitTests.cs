using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Running.Sharding;

namespace SyscallBench.Core.Tests.Running;

/// <summary>Resume after an interruption, --force, sharding and merge, and parallel runs, on a small synthetic grid.</summary>
public sealed class RunnerWorkUnitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("syscallbench-units-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>2 re-splits x 2 seeds x (seeded, deterministic, ensemble of both): 10 units.</summary>
    private ExperimentConfig Grid(string output, string seeds = "[1, 2]") =>
        new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read($$$"""
            name: grid
            dataset: {type: inline}
            detectors:
              - {name: s, type: seeded}
              - {name: f, type: fixed}
              - {name: e, type: ensemble, params: {members: [s, f], method: mean_z}}
            evaluation: {bootstrap_resamples: 20}
            seeds: {{{seeds}}}
            split: {protocol: resplit, k: 2, test_fraction: 0.4}
            output: {{{Path.Combine(_root, output)}}}
            """, Path.Combine(_root, "grid.yaml"));

    private static RunOutcome Run(ExperimentConfig config, bool force = false, ShardSpec? shard = null, CancellationToken cancellation = default,
        IRunObserver? observer = null) =>
        new ExperimentRunner(ExperimentRunner.CoreExporters, force: force).Run(config, observer ?? SilentRunObserver.Instance, cancellation, shard: shard);

    [Fact]
    public void GivenAnInterruptedRun_WhenRunAgain_ThenItLeftNoRunFolderAndResumesWithOnlyTheMissingUnits()
    {
        // Given a run cancelled (as by Ctrl-C) right after its third unit finished
        var config = Grid("interrupted");
        using var cancel = new CancellationTokenSource();
        var observer = new CancelAfter(3, cancel);
        Assert.ThrowsAny<OperationCanceledException>(() => Run(config, cancellation: cancel.Token, observer: observer));

        // Then no run folder (partial or final) is left
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "interrupted", "grid")));

        // When the same run is started again
        var resumed = Run(config);

        // Then the three finished units come from the cache, the others are computed, and the files equal an uninterrupted run's
        Assert.Equal(3, resumed.Result.Detectors.Count(d => d.ScoresReused));
        Assert.Equal(10 - 3, resumed.Result.Detectors.Count(d => !d.ScoresReused));
        RunEquivalence.AssertSameResults(Run(Grid("clean")).Directory, resumed.Directory);
    }

    [Fact]
    public void GivenAFinishedRun_WhenForced_ThenEveryUnitIsRecomputedWithTheSameResults()
    {
        // Given a finished run
        var config = Grid("forced");
        var first = Run(config);

        // When it runs again with force
        var forced = Run(config, force: true);

        // Then nothing was reused, and the numbers are the same
        Assert.All(forced.Result.Detectors, d => Assert.False(d.ScoresReused || d.ModelReused));
        RunEquivalence.AssertSameResults(first.Directory, forced.Directory);
    }

    [Fact]
    public void GivenDeterministicDetectorsAndSeveralSeeds_WhenRun_ThenEachHasOneResultPerSplitMarkedSeedIndependent()
    {
        // When the grid runs
        var outcome = Run(Grid("deterministic"));

        // Then the deterministic detector has one row per split, at the first seed, marked in metrics.csv
        var rows = outcome.Result.Detectors.Where(d => d.Detector == "f").ToArray();
        Assert.Equal(["resplit-1", "resplit-2"], rows.Select(r => r.Split));
        Assert.All(rows, r => Assert.Equal((1, false), (r.Seed, r.SeedDependent)));
        var metrics = File.ReadAllLines(Path.Combine(outcome.Directory, "metrics.csv"));
        var header = metrics[0].Split(',');
        var fRows = metrics.Skip(1).Select(l => l.Split(',')).Where(c => c[0] == "f").ToArray();
        Assert.All(fRows, c => Assert.Equal("False", c[Array.IndexOf(header, "seed_dependent")]));

        // And its seed summary is over its 2 splits, the seeded detector's over 2 splits x 2 seeds
        var summary = SeedSummary.Of(outcome.Result).ToDictionary(s => s.Detector, s => s.Seeds);
        Assert.Equal(2, summary["f"]);
        Assert.Equal(4, summary["s"]);
    }

    [Fact]
    public void GivenEveryShard_WhenMerged_ThenTheResultEqualsTheUnshardedRun()
    {
        // Given the unsharded run of the grid
        var whole = Run(Grid("whole"));

        // When the grid runs as 3 shards (each with its own cache) and they are merged
        var shards = Enumerable.Range(1, 3).Select(i => Run(Grid($"shard{i}"), shard: new ShardSpec(i, 3))).ToArray();
        var merged = Merger().Merge(shards.Reverse().Select(s => s.Directory).ToArray(), Path.Combine(_root, "merged"), _ => null);

        // Then the shards split the units between them: the ensembles tie each split's units into one
        // group, dealt round-robin, so the third shard is empty; the merged files equal the unsharded run's
        Assert.Equal([5, 5, 0], shards.Select(s => s.Result.Detectors.Count));
        Assert.Empty(merged.ExportFailures);
        RunEquivalence.AssertSameResults(whole.Directory, merged.Directory);
        Assert.Equal(
            Directory.GetFiles(Path.Combine(whole.Directory, "models"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(whole.Directory, f)).Order(),
            Directory.GetFiles(Path.Combine(merged.Directory, "models"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(merged.Directory, f)).Order());
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged.Directory, "manifest.json")));
        Assert.Equal(JsonValueKind.Null, manifest.RootElement.GetProperty("shard").ValueKind);
    }

    [Fact]
    public void GivenAMissingOrRepeatedShardOrAnotherConfig_WhenMerged_ThenTheMergeIsRefused()
    {
        // Given two shards of a 2-shard run, and a shard of a run with other seeds
        var one = Run(Grid("a"), shard: new ShardSpec(1, 2)).Directory;
        var two = Run(Grid("b"), shard: new ShardSpec(2, 2)).Directory;
        var foreign = Run(Grid("c", seeds: "[1, 3]"), shard: new ShardSpec(2, 2)).Directory;
        var output = Path.Combine(_root, "merged");

        // Then each wrong combination fails with a message saying what is wrong, and writes nothing
        Assert.Contains("2/2 missing", Assert.Throws<SyscallBenchException>(() => Merger().Merge([one], output, _ => null)).Message, StringComparison.Ordinal);
        Assert.Contains("1/2 given more than once", Assert.Throws<SyscallBenchException>(() => Merger().Merge([one, one, two], output, _ => null)).Message, StringComparison.Ordinal);
        Assert.Contains("experiment configuration", Assert.Throws<SyscallBenchException>(() => Merger().Merge([one, foreign], output, _ => null)).Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void GivenAGrid_WhenRunInParallel_ThenTheResultsEqualASequentialRun()
    {
        // When the grid runs one unit at a time and three at a time
        var sequential = Run(Grid("sequential"));
        var parallel = Run(Grid("parallel") with { Parallel = 3 });

        // Then every file says the same
        RunEquivalence.AssertSameResults(sequential.Directory, parallel.Directory);
    }

    [Fact]
    public void GivenALearningCurve_WhenRun_ThenMetricsAgainstTrainingTracesEndWithTheFullSet()
    {
        // Given the official split with a learning curve of 3 and 6 of its 10 training traces
        var config = new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read($$"""
            name: curve
            dataset: {type: inline}
            detectors: [{name: s, type: seeded}]
            evaluation: {bootstrap_resamples: 0}
            learning_curve: {train_sizes: [3, 6]}
            output: {{_root}}
            """, Path.Combine(_root, "curve.yaml"));

        // When it runs
        var outcome = Run(config);

        // Then learning_curve.csv has the points 3, 6 and 10; the main tables only the full split
        var lines = File.ReadAllLines(Path.Combine(outcome.Directory, "learning_curve.csv"));
        Assert.Equal("base_split,split,train_traces,detector,seed,roc_auc,roc_auc_ci_low,roc_auc_ci_high,average_precision", lines[0]);
        Assert.Equal(["3", "6", "10"], lines.Skip(1).Select(l => l.Split(',')[2]));
        Assert.Equal(["official-train-3", "official-train-6", "official"], lines.Skip(1).Select(l => l.Split(',')[1]));
        Assert.Single(outcome.Result.MainResults);
        Assert.True(File.Exists(Path.Combine(outcome.Directory, "splits", "official-train-3.json")));

        // And each unit's fit throughput counts the calls of its own split's training traces
        var point = outcome.Result.Detectors.Single(r => r.Split == "official-train-3");
        var manifest = outcome.Result.Splits.Single(s => s.Name == "official-train-3");
        Assert.True(manifest.TrainCalls < outcome.Result.Dataset.TrainCalls);
        Assert.Equal(manifest.TrainCalls, outcome.Result.CallsOf(point.Split).TrainCalls);
        var metrics = File.ReadAllLines(Path.Combine(outcome.Directory, "metrics.csv"));
        var header = metrics[0].Split(',');
        var row = metrics.Skip(1).Select(l => l.Split(',')).Single(f => f[Array.IndexOf(header, "split")] == "official-train-3");
        var fitRate = double.Parse(row[Array.IndexOf(header, "fit_syscalls_per_second")], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(manifest.TrainCalls / Math.Max(point.FitTime.TotalSeconds, 1e-9), fitRate, 1e-6 * fitRate);
    }

    private static ShardMerger Merger() =>
        new(new RunResultReader(new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets), []), ExperimentRunner.CoreExporters);

    private sealed class CancelAfter(int units, CancellationTokenSource cancel) : IRunObserver
    {
        private int _finished;

        public void DetectorFinished(DetectorResult result)
        {
            if (++_finished == units)
            {
                cancel.Cancel();
            }
        }
    }
}
