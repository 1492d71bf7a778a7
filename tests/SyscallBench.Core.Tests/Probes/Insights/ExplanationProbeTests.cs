using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Probes.Insights;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Probes.Insights;

public sealed class ExplanationProbeTests
{
    private static LabeledDataset Dataset(params Trace[] test)
    {
        Trace[] train = [Trace.Normal("train/0", [1, 2, 3, 4, 1, 2, 3, 4])];
        return new LabeledDataset("tiny", train, test, new DatasetProvenance("inline", "hand-made", DatasetHash.Compute(train, test), []));
    }

    [Fact]
    public void GivenStideOnHandMadeTraces_WhenProbed_ThenTheAttackRanksFirstWithItsMismatchingWindowEndsAndTheirCalls()
    {
        // Given: stide-3 learns 123, 234, 341, 412; the attack's windows 129, 294, 941 (ending at 2, 3, 4) are unseen
        var dataset = Dataset(
            Trace.Normal("test/normal/0", [1, 2, 3, 4]),
            Trace.Attack("test/attack/0", [1, 2, 9, 4, 1, 2, 3], "Adduser"),
            Trace.Normal("test/normal/1", [2, 3, 4, 1, 2]));
        using var fitted = new StideDetector("stide-3", new StideOptions { WindowLength = 3 }).Fit(dataset.Train, FitContext.Default);
        var scores = fitted.ScoreValues(dataset.Test);

        // When
        var result = Assert.IsType<ExplanationProbeResult>(new ExplanationProbe(topTraces: 2).Probe("stide-3", 1, fitted, dataset, scores));

        // Then: 3 mismatches of 5 windows; the two normals tie at 0 and the earlier one is listed
        Assert.Equal(3, result.TestTraces);
        Assert.Equal(2, result.Traces.Count);
        var attack = result.Traces[0];
        Assert.Equal((1, "test/attack/0", true, "Adduser", 0.6, 7), (attack.Rank, attack.TraceId, attack.IsAttack, attack.Family, attack.Score, attack.Length));
        Assert.Equal(3, attack.ScoredPositions);
        Assert.NotNull(attack.Positions);
        Assert.Equal(new[] { 2, 3, 4 }, attack.Positions.Select(p => p.Position));
        Assert.All(attack.Positions, p => Assert.Equal(1.0, p.Score));
        Assert.Equal(new[] { 0, 0, 0 }, attack.Positions.Select(p => p.ContextStart));
        Assert.Equal(new[] { 1, 2, 9, 4, 1 }, attack.Positions[0].Context);
        Assert.Equal(new[] { 1, 2, 9, 4, 1, 2, 3 }, attack.Positions[2].Context);
        var normal = result.Traces[1];
        Assert.Equal((2, "test/normal/0", false, (string?)null, 0.0), (normal.Rank, normal.TraceId, normal.IsAttack, normal.Family, normal.Score));
        Assert.NotNull(normal.Positions);
        Assert.Empty(normal.Positions);
    }

    [Fact]
    public void GivenALongTrace_WhenExplained_ThenTheTopPositionsComeHighestFirstWithClippedContexts()
    {
        // Given: scores peak at 1 (tied with 9) and 5; 0-scored positions explain nothing
        int[] calls = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
        double[] positions = [0, 3, 0, 0.5, 0, 2, 0, 0, 0.5, 3];

        // When
        var driving = ExplanationProbe.DrivingPositions(calls, positions, 4);

        // Then: ties go to the earlier position; contexts are p-6..p+2 clipped to the trace
        Assert.Equal(new[] { 1, 9, 5, 3 }, driving.Select(p => p.Position));
        Assert.Equal(new[] { 3.0, 3.0, 2.0, 0.5 }, driving.Select(p => p.Score));
        Assert.Equal(new[] { 0, 3, 0, 0 }, driving.Select(p => p.ContextStart));
        Assert.Equal(new[] { 10, 11, 12, 13 }, driving[0].Context);
        Assert.Equal(new[] { 13, 14, 15, 16, 17, 18, 19 }, driving[1].Context);
        Assert.Equal(new[] { 10, 11, 12, 13, 14, 15, 16, 17 }, driving[2].Context);
    }

    [Fact]
    public void GivenADetectorWithoutPositionScores_WhenProbed_ThenTracesAreRankedAndPositionsAreNull()
    {
        // Given
        var dataset = Dataset(Trace.Normal("n", [1, 2, 3]), Trace.Attack("a", [5, 9], "Hydra_FTP"));
        using IFittedDetector fitted = new ToyPredictor(withPositionScores: false);

        // When
        var result = Assert.IsType<ExplanationProbeResult>(new ExplanationProbe().Probe("toy", 1, fitted, dataset, fitted.ScoreValues(dataset.Test)));

        // Then: only two test traces exist, so only two are listed
        Assert.Equal(new[] { "a", "n" }, result.Traces.Select(t => t.TraceId));
        Assert.All(result.Traces, t => Assert.Null(t.Positions));
        Assert.All(result.Traces, t => Assert.Null(t.ScoredPositions));
    }
}
