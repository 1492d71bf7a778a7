using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Probes.Insights;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Probes.Insights;

public sealed class NextCallProbeTests
{
    // Toy scores (mean surprisal): n0 0.105, n2 1.01, n1 3.22 -> the median normal is n2; attack a0 beats a1.
    private static readonly Trace[] Test =
    [
        Trace.Normal("n0", [1, 2, 3]),
        Trace.Normal("n1", [5, 9]),
        Trace.Normal("n2", [1, 2, 4]),
        Trace.Attack("a0", [1, 2, 3, 7, 8], "Adduser"),
        Trace.Attack("a1", [1, 2], "Web_Shell"),
    ];

    private static LabeledDataset Dataset(Trace[] test)
    {
        Trace[] train = [Trace.Normal("train/0", [1, 2, 3, 4])];
        return new LabeledDataset("tiny", train, test, new DatasetProvenance("inline", "hand-made", DatasetHash.Compute(train, test), []));
    }

    [Fact]
    public void GivenAToyPredictor_WhenProbed_ThenTheMostAnomalousAttackAndTheMedianNormalAreFollowed()
    {
        // Given
        var dataset = Dataset(Test);
        using IFittedDetector fitted = new ToyPredictor();

        // When
        var result = Assert.IsType<NextCallProbeResult>(new NextCallProbe().Probe("toy", 1, fitted, dataset, fitted.ScoreValues(dataset.Test)));

        // Then
        Assert.Equal(new[] { ("a0", NextCallProbe.MostAnomalousAttack), ("n2", NextCallProbe.TypicalNormal) },
            result.Traces.Select(t => (t.TraceId, t.Role)));
        var attack = result.Traces[0];
        Assert.Equal((true, "Adduser", 5, 0), (attack.IsAttack, attack.Family, attack.Length, attack.Start));
        Assert.Equal(new[] { 1, 2, 3, 7, 8 }, attack.Calls);
        Assert.Equal(ToyPredictor.Surprisals([1, 2, 3, 7, 8]), attack.Surprisal);
    }

    [Fact]
    public void GivenTheAttack_WhenProbed_ThenTheMaximumIsTheUnexpectedCallAndTheTypicalPositionTheMedianOne()
    {
        // Given
        var dataset = Dataset(Test);
        using IFittedDetector fitted = new ToyPredictor();

        // When
        var result = Assert.IsType<NextCallProbeResult>(new NextCallProbe().Probe("toy", 1, fitted, dataset, fitted.ScoreValues(dataset.Test)));

        // Then: 7 after 3 is the unknown bucket (0.04, rank 3); the median of [.105 .105 .105 3.22 .105] is position 2
        var positions = result.Traces[0].Positions;
        Assert.Equal(2, positions.Count);
        var maximum = positions[0];
        Assert.Equal((NextCallProbe.MaximumSurprisal, 3, 7, 0.04, 3, true), (maximum.Kind, maximum.Position, maximum.Actual, maximum.ActualProbability, maximum.ActualRank, maximum.ActualUnknown));
        Assert.Equal(-Math.Log(0.04), maximum.Surprisal);
        Assert.Equal(new NextCallProbability[] { new(4, 0.9), new(5, 0.06), new(null, 0.04) }, maximum.Top);
        var typical = positions[1];
        Assert.Equal((NextCallProbe.TypicalSurprisal, 2, 3, 0.9, 1, false), (typical.Kind, typical.Position, typical.Actual, typical.ActualProbability, typical.ActualRank, typical.ActualUnknown));
    }

    [Fact]
    public void GivenAPredictorWithoutPositionScores_WhenProbed_ThenTheSurprisalIsReadOffItsPredictions()
    {
        // Given
        var dataset = Dataset(Test);
        using IFittedDetector fitted = new ToyPredictor(withPositionScores: false);

        // When
        var result = Assert.IsType<NextCallProbeResult>(new NextCallProbe().Probe("toy", 1, fitted, dataset, fitted.ScoreValues(dataset.Test)));

        // Then
        Assert.Equal(ToyPredictor.Surprisals([1, 2, 3, 7, 8]), result.Traces[0].Surprisal, new ToleranceComparer(1e-12));
    }

    [Fact]
    public void GivenADetectorThatPredictsNothing_WhenProbed_ThenThereIsNoResult()
    {
        // Given
        var dataset = Dataset(Test);
        using var fitted = new StideDetector("stide", new StideOptions { WindowLength = 2 }).Fit(dataset.Train, FitContext.Default);

        // When / Then
        Assert.Null(new NextCallProbe().Probe("stide", 1, fitted, dataset, fitted.ScoreValues(dataset.Test)));
    }

    [Theory]
    [InlineData(8, 6)]
    [InlineData(1, 0)]
    [InlineData(5, 3)]
    public void GivenATraceLongerThanTheCap_WhenWindowed_ThenTheWindowIsCentredOnTheMaximumAndClipped(int maximumAt, int expectedStart)
    {
        // Given
        var surprisal = new double[10];
        surprisal[maximumAt] = 5;

        // When
        var (start, length) = NextCallProbe.Window(surprisal, 4);

        // Then
        Assert.Equal((expectedStart, 4), (start, length));
    }

    [Fact]
    public void GivenTheNGramModel_WhenProbed_ThenTheStoredSurprisalIsItsOwnAndMatchesItsPrediction()
    {
        // Given: the real n-gram language model on the same tiny data
        var dataset = Dataset(Test);
        using var fitted = new NGramDetector("ngram-2", new NGramOptions { Order = 2 }).Fit(dataset.Train, FitContext.Default);
        var scores = fitted.ScoreMany(dataset.Test);

        // When
        var result = Assert.IsType<NextCallProbeResult>(new NextCallProbe().Probe("ngram-2", 1, fitted, dataset, scores.Select(s => s.Value).ToArray()));

        // Then: what is plotted is the model's position score, and its prediction agrees with it
        var attack = result.Traces[0];
        Assert.Equal(scores[Array.FindIndex(Test, t => t.Id == attack.TraceId)].PositionScores, attack.Surprisal);
        foreach (var position in result.Traces.SelectMany(t => t.Positions))
        {
            Assert.Equal(position.Surprisal, -Math.Log(position.ActualProbability), 9);
            Assert.True(position.Top.Count <= NextCallProbe.TopK);
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
