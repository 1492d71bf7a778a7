using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Probes;
using SyscallBench.Core.Probes.Selection;
using SyscallBench.Core.Running;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Running;

public sealed class SelectionRunTests
{
    private static ExperimentConfig Config(string output) =>
        new ExperimentConfigReader(new DetectorRegistry(DetectorRegistry.CoreDescriptors), DatasetRegistry.Default).Read($$$"""
            name: select-run
            dataset: {type: synthetic}
            detectors:
              - name: stide
                type: stide
                grid: {window_length: [2, 4, 6]}
                select: {}
              - {name: ngram-2, type: ngram, params: {order: 2}}
            evaluation: {bootstrap_resamples: 0}
            output: {{{output}}}
            """, Path.Combine(output, "exp.yaml"));

    [Fact]
    public void GivenASelectingDetector_WhenRun_ThenOneRowCarriesItsNameAndTheChoiceIsReportedAlsoFromTheCache()
    {
        // Given an experiment where stide chooses its window from training data
        using var folder = new TempDirectory();
        var config = Config(folder.Path);
        IDetectorProbe[] probes = [new SelectionProbe()];

        // When it runs, and runs again from the caches
        var first = new ExperimentRunner(ExperimentRunner.CoreExporters, probes).Run(config, SilentRunObserver.Instance);
        var again = new ExperimentRunner(ExperimentRunner.CoreExporters, probes).Run(config, SilentRunObserver.Instance);

        // Then the results hold one stide row (the chosen variant), with the selection as its probe result; none for the ngram
        Assert.Equal(["stide", "ngram-2"], first.Result.Detectors.Select(d => d.Detector));
        var selection = Assert.IsType<SelectionProbeResult>(Assert.Single(first.Result.Detectors[0].Probes)).Outcome;
        Assert.Empty(first.Result.Detectors[1].Probes);
        Assert.Equal("synthetic_anomalies", selection.Criterion);
        Assert.Equal(3, selection.Candidates.Count);
        Assert.StartsWith("stide.window_length=", selection.Chosen, StringComparison.Ordinal);

        // And probes.json and the saved model carry it; the second run reused the scores and reports the same choice
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(first.Directory, "probes.json")));
        var probe = json.RootElement.GetProperty("probes").EnumerateArray().Single();
        Assert.Equal(selection.Chosen, probe.GetProperty("result").GetProperty("outcome").GetProperty("chosen").GetString());
        Assert.True(File.Exists(Path.Combine(first.Directory, "models", "stide", "selection.json")));
        Assert.True(again.Result.Detectors[0].ScoresReused);
        Assert.Equal(selection.Chosen, Assert.IsType<SelectionProbeResult>(Assert.Single(again.Result.Detectors[0].Probes)).Outcome.Chosen);
        Assert.Equal(first.Result.Detectors[0].Scores, again.Result.Detectors[0].Scores);
    }

    [Fact]
    public void GivenASelectingDetector_WhenRun_ThenItsTestScoresAreThoseOfTheChosenVariantRunAlone()
    {
        // Given a selection's run
        using var folder = new TempDirectory();
        var config = Config(folder.Path);
        var selected = new ExperimentRunner(ExperimentRunner.CoreExporters, [new SelectionProbe()]).Run(config, SilentRunObserver.Instance);
        var chosen = ((SelectionProbeResult)selected.Result.Detectors[0].Probes.Single()).Outcome.Chosen;

        // When the chosen variant runs as a detector of its own
        var variant = config.Detectors[0].Variants!.Single(v => v.Name == chosen);
        var alone = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(config with { Detectors = [variant] }, SilentRunObserver.Instance);

        // Then its test scores are the selection's
        Assert.Equal(alone.Result.Detectors.Single().Scores.Select(s => s.Score), selected.Result.Detectors[0].Scores.Select(s => s.Score));
    }
}
