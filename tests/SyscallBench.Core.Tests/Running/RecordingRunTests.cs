using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Tests.Datasets;
using SyscallBench.Core.Tests.Datasets.LidDs;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Running;

/// <summary>
/// A whole run on a generated LID-DS scenario: recordings scored by their streams' windows, one score per recording, the
/// time-aware evaluation beside ROC, its files, and the run read back.
/// </summary>
public sealed class RecordingRunTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private ExperimentConfig Config(string scenario, string overTime = "{window_calls: 5, context_calls: 2}") =>
        new ExperimentConfigReader(new DetectorRegistry(DetectorRegistry.CoreDescriptors), DatasetRegistry.Default).Read($$$"""
            name: lid-ds-test
            dataset: {type: lid-ds, params: {path: {{{scenario}}}}}
            detectors:
              - {name: stide-3, type: stide, params: {window_length: 3}}
              - {name: ngram-2, type: ngram, params: {order: 2}}
            evaluation: {bootstrap_resamples: 0}
            over_time: {{{overTime}}}
            output: {{{_temp.Combine("results")}}}
            """, _temp.Combine("exp.yaml"));

    [Fact]
    public void GivenAScenario_WhenRun_ThenEachTestRecordingHasOneScoreAndAttacksAreDetectedAfterTheirStart()
    {
        // Given: attacks run execve and socket, never seen in training, from 3 s on
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);

        // When
        var outcome = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config(scenario), SilentRunObserver.Instance);

        // Then
        Assert.Empty(outcome.ExportFailures);
        foreach (var result in outcome.Result.Detectors)
        {
            Assert.Equal(["test_attack_a", "test_attack_b", "test_normal_a", "test_normal_b"], result.Scores.Select(s => s.TraceId));
            Assert.Equal(1.0, result.Evaluation.RocAuc);
            var overTime = Assert.IsType<Core.Evaluation.OverTime.OverTimeEvaluation>(result.OverTime);
            var lidds = overTime.Default;
            Assert.Equal(0, lidds.Threshold.Budget);
            Assert.Equal(1.0, lidds.Outcome.DetectionRate);
            Assert.All(lidds.Outcome.Latencies, latency => Assert.InRange(latency, 0, 1));
            Assert.Equal(2, overTime.ValidationRecordings);
            Assert.Equal("the scenario's validation/ recordings", overTime.ThresholdSource);
            // Few test recordings: every one keeps its timeline
            Assert.Equal(["test_attack_a", "test_attack_b", "test_normal_a", "test_normal_b"], overTime.Timelines.Select(t => t.Id).Order());
            Assert.All(overTime.Timelines.Where(t => t.IsAttack), t => Assert.NotEmpty(t.TopWindows));
        }

        var scores = File.ReadAllLines(Path.Combine(outcome.Directory, "scores.csv"));
        Assert.Equal(1 + 2 * 4, scores.Length);
        Assert.Contains("time_detection_rate_at_fah_0", File.ReadAllLines(Path.Combine(outcome.Directory, "metrics.csv"))[0].Split(','));
        Assert.True(File.Exists(Path.Combine(outcome.Directory, "over_time.json")));
    }

    [Fact]
    public void GivenAFinishedRun_WhenItsFolderIsReadBack_ThenTheTimeAwareEvaluationIsTheSame()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);
        var outcome = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config(scenario), SilentRunObserver.Instance);

        // When
        var read = new RunResultReader(new ExperimentConfigReader(new DetectorRegistry(DetectorRegistry.CoreDescriptors), DatasetRegistry.Default), []).Read(outcome.Directory);

        // Then
        foreach (var (original, again) in outcome.Result.Detectors.Zip(read.Detectors))
        {
            var a = original.OverTime!;
            var b = again.OverTime!;
            Assert.Equal(a.Budgets.Select(x => (x.Threshold.Value, x.Outcome.Detected, x.Outcome.FalseAlarms)),
                b.Budgets.Select(x => (x.Threshold.Value, x.Outcome.Detected, x.Outcome.FalseAlarms)));
            Assert.Equal(a.Budgets[0].Outcome.Latencies, b.Budgets[0].Outcome.Latencies);
            Assert.Equal(a.Curve.FalseAlarmsPerHour, b.Curve.FalseAlarmsPerHour);
            Assert.Equal(a.CurveArea, b.CurveArea);
            Assert.Equal(a.Timelines.Select(t => (t.Id, t.Times.Count, t.TopWindows.Count)), b.Timelines.Select(t => (t.Id, t.Times.Count, t.TopWindows.Count)));
        }
    }

    [Fact]
    public void GivenTheSameRunTwice_WhenTheSecondReusesTheCaches_ThenItsTimeAwareEvaluationIsTheSame()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);
        var first = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config(scenario), SilentRunObserver.Instance);

        // When
        var second = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config(scenario), SilentRunObserver.Instance);

        // Then
        Assert.All(second.Result.Detectors, r => Assert.True(r.ScoresReused));
        Assert.Equal(first.Result.Detectors.Select(r => r.OverTime!.CurveArea), second.Result.Detectors.Select(r => r.OverTime!.CurveArea));
        Assert.Equal(first.Result.Detectors.Select(r => r.OverTime!.Timelines.Count), second.Result.Detectors.Select(r => r.OverTime!.Timelines.Count));
    }

    [Fact]
    public void GivenOtherWindowsThanACachedRun_WhenRunAgain_ThenTheRecordingsAreScoredAgain()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);
        new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config(scenario), SilentRunObserver.Instance);

        // When
        var second = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config(scenario, "{window_calls: 7}"), SilentRunObserver.Instance);

        // Then
        Assert.All(second.Result.Detectors, r => Assert.False(r.ScoresReused));
        Assert.All(second.Result.Detectors, r => Assert.StartsWith("7 calls", r.OverTime!.Window, StringComparison.Ordinal));
    }

    [Fact]
    public void GivenAScenarioWithoutValidationRecordings_WhenRun_ThenAHeldOutSliceOfTrainingSetsTheThresholdsAndSaysSo()
    {
        // Given
        var recordings = LidDsScenarios.Standard().Where(r => r.Split != "validation")
            .Concat([("training", LidDsScenarios.Normal("train_d", 34)), ("training", LidDsScenarios.Normal("train_e", 38))]).ToArray();
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips, recordings);

        // When
        var outcome = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config(scenario), SilentRunObserver.Instance);

        // Then: 1 of the 5 training recordings held out, not fitted on
        var overTime = outcome.Result.Detectors[0].OverTime!;
        Assert.Equal(1, overTime.ValidationRecordings);
        Assert.StartsWith("1 of the 5 training recordings, held out", overTime.ThresholdSource, StringComparison.Ordinal);
        Assert.Equal(4, outcome.Result.Dataset.TrainTraces);
        Assert.Contains(outcome.Result.Dataset.Provenance.Notes, n => n.StartsWith("thresholds of the time-aware evaluation: 1 of the 5", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenMaxStreamScores_WhenRun_ThenARecordingScoresItsWorstStreamAsAWholeTrace()
    {
        // Given
        var scenario = LidDsScenarios.Write2021(_temp.Path, LidDsScenarios.Storage.Zips);

        // When
        var outcome = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config(scenario, "{recording_score: max_stream}"), SilentRunObserver.Instance);

        // Then: the attacked thread's stide score over the whole stream is below its worst window's
        var windows = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(Config(scenario), SilentRunObserver.Instance);
        var byStream = outcome.Result.Detectors[0].Scores.Single(s => s.TraceId == "test_attack_a").Score;
        var byWindow = windows.Result.Detectors[0].Scores.Single(s => s.TraceId == "test_attack_a").Score;
        Assert.True(byStream < byWindow, string.Create(CultureInfo.InvariantCulture, $"{byStream} vs {byWindow}"));
        Assert.True(byStream > 0);
    }
}
