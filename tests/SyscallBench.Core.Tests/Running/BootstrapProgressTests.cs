using SyscallBench.Core.Config;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;

namespace SyscallBench.Core.Tests.Running;

/// <summary>
/// A long bootstrap (up to 100,000 resamples per unit, and the paired comparison of every detector after the units)
/// reports its progress to the run's observer, as fitting and scoring do (issue #18, case 17).
/// </summary>
public sealed class BootstrapProgressTests : IDisposable
{
    private const int Resamples = 400;

    private readonly string _root = Directory.CreateTempSubdirectory("syscallbench-bootstrap-progress-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void GivenThreeDetectors_WhenRun_ThenEachUnitsBootstrapAndThePairedComparisonReportTheirResamplesUpToTheEnd()
    {
        // Given three detectors evaluated on two test sets, with a bootstrap of 400 resamples
        var config = new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read($$$"""
            name: bootstrap-progress
            dataset: {type: inline}
            detectors:
              - {name: a, type: counting}
              - {name: b, type: fixed, params: {bad_syscall: 7}}
              - {name: c, type: seeded}
            evaluation: {bootstrap_resamples: {{{Resamples}}}, test_set: [all, distinct]}
            output: {{{_root}}}
            """, Path.Combine(_root, "exp.yaml"));
        var observer = new RecordingObserver();

        // When it runs
        new ExperimentRunner(ExperimentRunner.CoreExporters).Run(config, observer, CancellationToken.None);

        // Then each unit's bootstrap reports rising counts over both test sets' resamples, ending at all of them,
        // between the unit's start and its finish
        foreach (var detector in new[] { "a", "b", "c" })
        {
            var events = observer.Events.Where(e => e.Detector == detector).ToArray();
            Assert.Equal("start", events[0].Kind);
            Assert.Equal("finished", events[^1].Kind);
            var progress = events.Where(e => e.Kind == "bootstrap").Select(e => e.Progress).ToArray();
            Assert.NotEmpty(progress);
            Assert.All(progress, p => Assert.Equal(2 * Resamples, p.Total));
            Assert.Equal(progress.Select(p => p.Done).Order(), progress.Select(p => p.Done));
            Assert.Equal(2 * Resamples, progress[^1].Done);
        }

        // And the paired comparison of the three, after every unit finished, reports its resamples up to the last
        var comparison = observer.Events.SkipWhile(e => e.Kind != "comparison").ToArray();
        Assert.NotEmpty(comparison);
        Assert.Equal(3, observer.Events.Count(e => e.Kind == "finished"));
        Assert.All(comparison, e => Assert.Equal(("comparison", 3, Resamples), (e.Kind, e.Detectors, e.Progress.Total)));
        Assert.Equal(Resamples, comparison[^1].Progress.Done);
    }

    private sealed record Event(string Kind, string? Detector, ResampleProgress Progress = default, int Detectors = 0);

    private sealed class RecordingObserver : IRunObserver
    {
        public List<Event> Events { get; } = [];

        public void FitStarted(string detector, int seed) => Events.Add(new Event("start", detector));

        public void BootstrapProgress(string detector, int seed, ResampleProgress progress) => Events.Add(new Event("bootstrap", detector, progress));

        public void DetectorFinished(DetectorResult result) => Events.Add(new Event("finished", result.Detector));

        public void ComparisonProgress(ComparisonProgress progress) =>
            Events.Add(new Event("comparison", null, progress.Resamples, progress.Detectors));
    }
}
