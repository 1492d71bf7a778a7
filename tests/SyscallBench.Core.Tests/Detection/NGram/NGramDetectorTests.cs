using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.TestSupport;
using static SyscallBench.Core.Tests.Detection.DetectionFixtures;

namespace SyscallBench.Core.Tests.Detection.NGram;

public class NGramDetectorTests
{
    private static readonly IReadOnlyList<Core.Traces.Trace> Toy = Corpus([1, 2, 1, 2]);

    private static IFittedDetector FitAddK(SurprisalScore score = SurprisalScore.MeanSurprisal, int window = 10) =>
        new NGramDetector("lm", new NGramOptions { Order = 2, Smoothing = NGramSmoothing.AddK, K = 0.5, Score = score, Window = window })
            .Fit(Toy, FitContext.Default);

    [Fact]
    public void GivenAddKBigrams_WhenATraceWithAnUnseenCallIsScored_ThenPositionsAreSurprisalsAndTheValueTheirMean()
    {
        // Given: p(1|B) = 1.5/2.5, p(2|1) = 2.5/3.5, p(unk|2) = 0.5/(1 + 1.5)   (|V| = 3, k = 0.5)
        using var lm = FitAddK();
        double[] expected = [-Math.Log(1.5 / 2.5), -Math.Log(2.5 / 3.5), -Math.Log(0.5 / 2.5)];

        // When
        var score = lm.Score(T(1, 2, 99));

        // Then
        AssertClose(expected, score.PositionScores!);
        Assert.Equal(expected.Average(), score.Value, 15);
    }

    [Fact]
    public void GivenMaxWindowSurprisal_WhenScored_ThenTheValueIsTheMostSurprisingWindowMean()
    {
        // Given: calls 1 2 99 1 -> p(1|B) = .6, p(2|1) = 5/7, p(unk|2) = .2, p(1|unk) = 1/3 (unseen context)
        using var lm = FitAddK(SurprisalScore.MaxWindowSurprisal, window: 2);
        var s = new[] { -Math.Log(0.6), -Math.Log(5.0 / 7.0), -Math.Log(0.2), -Math.Log(1.0 / 3.0) };

        var score = lm.Score(T(1, 2, 99, 1));

        AssertClose(s, score.PositionScores!);
        Assert.Equal((s[2] + s[3]) / 2, score.Value, 15);
    }

    [Fact]
    public void GivenQuantileSurprisal_WhenScored_ThenTheValueIsTheMedianOfTheCallsSurprisal()
    {
        // Given: the same four surprisals as above; sorted, the median lies halfway between the middle two
        using var lm = FitAddK(SurprisalScore.QuantileSurprisal);
        var s = new[] { -Math.Log(0.6), -Math.Log(5.0 / 7.0), -Math.Log(0.2), -Math.Log(1.0 / 3.0) };

        var score = lm.Score(T(1, 2, 99, 1));

        Assert.Equal((s[0] + s[3]) / 2, score.Value, 15);
    }

    [Fact]
    public void GivenLastSurprisal_WhenScored_ThenTheValueIsTheLastCallsSurprisalAlone()
    {
        using var lm = FitAddK(SurprisalScore.LastSurprisal);

        var score = lm.Score(T(1, 2, 99, 1));

        Assert.Equal(-Math.Log(1.0 / 3.0), score.Value, 15);
    }

    [Fact]
    public void GivenATraceShorterThanTheWindow_WhenScoredByMaxWindowSurprisal_ThenItIsOneWindow()
    {
        using var lm = FitAddK(SurprisalScore.MaxWindowSurprisal, window: 10);

        var score = lm.Score(T(1, 2));

        Assert.Equal((-Math.Log(0.6) - Math.Log(5.0 / 7.0)) / 2, score.Value, 15);
    }

    [Fact]
    public void GivenAnEmptyTrace_WhenScored_ThenTheScoreIsZeroAndFinite()
    {
        using var lm = FitAddK();

        var score = lm.Score(T());

        Assert.Equal(0.0, score.Value);
        Assert.Empty(score.PositionScores!);
    }

    [Theory]
    [InlineData(NGramSmoothing.KneserNey, SurprisalScore.MeanSurprisal)]
    [InlineData(NGramSmoothing.WittenBell, SurprisalScore.MaxWindowSurprisal)]
    [InlineData(NGramSmoothing.AddK, SurprisalScore.MeanSurprisal)]
    [InlineData(NGramSmoothing.KneserNey, SurprisalScore.QuantileSurprisal)]
    public void GivenAFittedNGram_WhenSavedAndLoadedThroughTheRegistry_ThenScoresAreIdentical(NGramSmoothing smoothing, SurprisalScore scoreKind)
    {
        using var directory = new TempDirectory();
        var training = Corpus([5, 6, 7, 5, 6, 7, 5, 8], [6, 7, 9, 9, 9, 5], [7]);
        using var lm = new NGramDetector("lm", new NGramOptions { Order = 3, Smoothing = smoothing, Score = scoreKind, Window = 3, Quantile = 0.8 })
            .Fit(training, FitContext.Default);
        var tests = new[] { T(5, 6, 7, 5, 8, 9), T(5, 42, 6, 7, 5, 6), T(7), T() };

        using var loaded = RoundTrip(lm, directory);

        Assert.Equal("ngram", loaded.Type);
        foreach (var trace in tests)
        {
            Assert.Equal(lm.Score(trace), loaded.Score(trace), TraceScoreComparer.Exact);
        }
    }

    [Fact]
    public void GivenATrainedModel_WhenATraceWithUnseenCallsIsScored_ThenItIsMoreSurprisingThanANormalOne()
    {
        var training = Corpus([5, 6, 7, 5, 6, 7, 5, 6, 7], [5, 6, 7, 5, 6, 7]);
        using var lm = new NGramDetector("lm", new NGramOptions()).Fit(training, FitContext.Default);

        var normal = lm.Score(T(5, 6, 7, 5, 6, 7));
        var odd = lm.Score(T(5, 6, 7, 40, 41, 7));

        Assert.True(double.IsFinite(odd.Value));
        Assert.True(odd.Value > normal.Value, $"{odd.Value} <= {normal.Value}");
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 15);
        }
    }
}
