using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.Selection;
using SyscallBench.Core.Traces;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Detection.Selection;

public sealed class SelectingDetectorTests
{
    private static readonly DetectorRegistry Registry = new(DetectorRegistry.CoreDescriptors);

    private static DetectorSpec Selection(string type, string grid, string select = "{}")
    {
        var config = new ExperimentConfigReader(Registry, Core.Datasets.DatasetRegistry.Default).Read($"""
            name: s
            dataset: {"{type: synthetic}"}
            detectors:
              - name: chosen
                type: {type}
                grid: {grid}
                select: {select}
            """, "exp.yaml");
        return Assert.Single(config.Detectors);
    }

    /// <summary>Traces that cycle 1 2 3 from a varying start: the next call is fully determined by the previous one.</summary>
    private static Trace[] Cycles(int count) =>
        Enumerable.Range(0, count).Select(i => Trace.Normal($"n{i}", Enumerable.Range(i % 3, 30 + i).Select(k => 1 + k % 3).ToArray())).ToArray();

    [Fact]
    public void GivenLanguageModelsOfSeveralOrders_WhenSelected_ThenTheHeldOutLikelihoodPicksTheOrderThatPredictsTheCycle()
    {
        // Given ngram variants of order 1 (no context: ln 3 nats a call) and 2 (the previous call determines the next)
        var spec = Selection("ngram", "{order: [1, 2]}");

        // When fitted on cycling traces
        using var fitted = (FittedSelection)spec.Create().Fit(Cycles(20), FitContext.Default);

        // Then order 2 is chosen by held-out likelihood, with order 1's surprisal near ln 3 and order 2's far below it
        var outcome = fitted.Outcome;
        Assert.Equal("heldout_likelihood", outcome.Criterion);
        Assert.False(outcome.HigherIsBetter);
        Assert.Equal("chosen.order=2", outcome.Chosen);
        Assert.Equal(["chosen.order=1", "chosen.order=2"], outcome.Candidates.Select(c => c.Variant));
        Assert.Equal(Math.Log(3), outcome.Candidates[0].Value, 0.05);
        Assert.True(outcome.Candidates[1].Value < 0.5, $"order 2: {outcome.Candidates[1].Value}");
        Assert.Equal((16, 4, 0), (outcome.FittingTraces, outcome.HeldOutTraces, outcome.SyntheticAnomalies));
    }

    [Fact]
    public void GivenTheChosenVariant_WhenItScores_ThenItIsExactlyThatVariantFittedAloneOnAllTrainingNormals()
    {
        // Given a selection among stide windows and the variant it chooses, fitted on its own
        var spec = Selection("stide", "{window_length: [2, 4, 6]}");
        var training = Cycles(20);
        using var selected = (FittedSelection)spec.Create().Fit(training, FitContext.Default);
        var chosen = spec.Variants!.Single(v => v.Name == selected.Outcome.Chosen);
        using var alone = chosen.Create().Fit(training, FitContext.Default);

        // Then both score any trace identically
        var probes = new[] { Trace.Normal("p1", [1, 2, 3, 1, 2, 3]), Trace.Normal("p2", [1, 3, 2, 1, 1, 2, 3, 3]), Trace.Normal("p3", [7, 7, 1, 2]) };
        Assert.Equal(probes.Select(t => alone.Score(t).Value), probes.Select(t => selected.Score(t).Value));
    }

    [Fact]
    public void GivenVariantsThatAllSeparatePerfectly_WhenSelected_ThenTheTieGoesToTheFirstInGridOrder()
    {
        // Given stide windows that all flag every synthetic anomaly of perfectly regular traces
        var spec = Selection("stide", "{window_length: [5, 3, 4]}", "{criterion: synthetic_anomalies}");

        // When selected
        using var fitted = (FittedSelection)spec.Create().Fit(Cycles(20), FitContext.Default);

        // Then every candidate reaches AUC 1 and the first listed is chosen
        Assert.All(fitted.Outcome.Candidates, c => Assert.Equal(1.0, c.Value));
        Assert.Equal("chosen.window_length=5", fitted.Outcome.Chosen);
        Assert.Equal(8, fitted.Outcome.SyntheticAnomalies);
    }

    [Fact]
    public void GivenTheSameTrainingNormals_WhenSelectedWithDifferentRunSeeds_ThenTheChoiceAndItsValuesAreTheSame()
    {
        // Given a deterministic detector type, whose selection must stay seed-independent
        var spec = Selection("stide", "{window_length: [2, 3, 6]}");
        var training = Cycles(15).Concat([Trace.Normal("odd", [1, 1, 2, 2, 3, 3, 1, 3, 2])]).ToArray();

        // When selected under two seeds
        using var first = (FittedSelection)spec.Create().Fit(training, new FitContext(Seed: 1));
        using var second = (FittedSelection)spec.Create().Fit(training, new FitContext(Seed: 2));

        // Then the outcomes are equal
        Assert.Equal(first.Outcome.Chosen, second.Outcome.Chosen);
        Assert.Equal(first.Outcome.Candidates.Select(c => c.Value), second.Outcome.Candidates.Select(c => c.Value));
        Assert.True(spec.Descriptor.IsDeterministic);
    }

    [Fact]
    public void GivenASavedSelection_WhenLoadedByItsDescriptorOrAsAPlainModel_ThenBothScoreAlikeAndOnlyTheFormerKnowsTheChoice()
    {
        // Given a fitted selection saved as a run saves models
        var spec = Selection("ngram", "{order: [1, 2]}");
        using var fitted = (FittedSelection)spec.Create().Fit(Cycles(20), FitContext.Default);
        using var folder = new TempDirectory();
        var directory = Path.Combine(folder.Path, "model");
        DetectorRegistry.Save(fitted, directory);

        // When loaded back through the selection's descriptor (the run's cache) and through the registry (score --model)
        using var withChoice = (FittedSelection)spec.Descriptor.Load(directory);
        using var plain = Registry.Load(directory);

        // Then both score as the original, and the selection's outcome survives the round trip
        var trace = Trace.Normal("t", [1, 2, 3, 3, 2, 1]);
        Assert.Equal(fitted.Score(trace).Value, withChoice.Score(trace).Value);
        Assert.Equal(fitted.Score(trace).Value, plain.Score(trace).Value);
        Assert.IsNotType<FittedSelection>(plain);
        Assert.Equal(fitted.Outcome.Chosen, withChoice.Outcome.Chosen);
        Assert.Equal(fitted.Outcome.Candidates.Select(c => (c.Variant, c.Value)), withChoice.Outcome.Candidates.Select(c => (c.Variant, c.Value)));
        Assert.Equal(fitted.Outcome.Candidates[1].Values, withChoice.Outcome.Candidates[1].Values);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{}")]
    [InlineData("""{"criterion":"synthetic_anomalies","higher_is_better":true,"chosen":"nope","candidates":[{"variant":"a","values":{},"value":1}],"fitting_traces":1,"held_out_traces":1,"synthetic_anomalies":2}""")]
    [InlineData("""{"criterion":"synthetic_anomalies","higher_is_better":true,"chosen":"a","candidates":[{"variant":"a","value":1}],"fitting_traces":1,"held_out_traces":1,"synthetic_anomalies":2}""")]
    [InlineData("""{"criterion":"best_on_test","higher_is_better":true,"chosen":"a","candidates":[{"variant":"a","values":{},"value":1}],"fitting_traces":1,"held_out_traces":1,"synthetic_anomalies":2}""")]
    public void GivenATamperedSelectionFile_WhenLoaded_ThenTheMessageNamesTheFile(string content)
    {
        // Given a saved selection whose selection.json was changed
        var spec = Selection("stide", "{window_length: [2, 3]}");
        using var fitted = spec.Create().Fit(Cycles(10), FitContext.Default);
        using var folder = new TempDirectory();
        DetectorRegistry.Save(fitted, folder.Path);
        var file = Path.Combine(folder.Path, FittedSelection.SelectionFile);
        File.WriteAllText(file, content);

        // Then loading names selection.json
        var error = Assert.Throws<SyscallBenchException>(() => spec.Descriptor.Load(folder.Path));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenOneTrainingNormal_WhenSelected_ThenTheMessageSaysSomeMustBeHeldOut()
    {
        var spec = Selection("stide", "{window_length: [2, 3]}");

        var error = Assert.Throws<SyscallBenchException>(() => spec.Create().Fit([Trace.Normal("only", [1, 2, 3])], FitContext.Default));

        Assert.Equal("detector 'chosen': select: needs at least 2 training normals to hold some out, got 1.", error.Message);
    }

    [Fact]
    public void GivenAFitWithProgress_WhenSelected_ThenProgressRisesToTheFinalFitOfTheChosenVariant()
    {
        // Given a progress sink
        var reports = new List<FitProgress>();
        var spec = Selection("stide", "{window_length: [2, 3]}");

        // When selected
        using var fitted = spec.Create().Fit(Cycles(10), new FitContext(1, new Core.Running.SynchronousProgress<FitProgress>(reports.Add)));

        // Then each variant is judged in turn, then the chosen one is fitted on all training normals
        Assert.Equal(["judging chosen.window_length=2", "judging chosen.window_length=3", "fitting the chosen chosen.window_length=2 on all training normals"],
            reports.Where(r => !r.Status.Contains(':', StringComparison.Ordinal)).Select(r => r.Status));
        Assert.Equal(reports.Select(r => r.Fraction).Order(), reports.Select(r => r.Fraction));
    }
}
