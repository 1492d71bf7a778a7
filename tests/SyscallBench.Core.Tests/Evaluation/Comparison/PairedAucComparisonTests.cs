using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.Comparison;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Evaluation.Comparison;

public sealed class PairedAucComparisonTests
{
    private static readonly EvaluationOptions Options = new() { BootstrapResamples = 400, BootstrapSeed = 11, ConfidenceLevel = 0.9 };

    [Fact]
    public void GivenThreeDetectors_WhenComparedAll_ThenEveryPairOnceWithDeLongAsAlone()
    {
        // Given
        var fixture = DeLongFixture.Get("correlated_gaussian_360");
        var third = fixture.TracesA().Select(t => t with { Score = -t.Score }).ToArray();

        // When
        var comparisons = PairedAucComparison.CompareAll([("a", fixture.TracesA()), ("b", fixture.TracesB()), ("c", third)], Options);

        // Then: (a,b), (a,c), (b,c), each DeLong as computed for the pair alone
        Assert.Equal([("a", "b"), ("a", "c"), ("b", "c")], comparisons.Select(c => (c.DetectorA, c.DetectorB)));
        Assert.Equal(fixture.AucA, comparisons[0].AucA, 12);
        Assert.Equal(fixture.PValue, comparisons[0].DeLong.PValue, 12);
        Assert.Equal(DeLongTest.Compare(fixture.TracesB(), third), comparisons[2].DeLong);
        Assert.Equal(HolmAdjustment.Adjust(comparisons.Select(c => c.DeLong.PValue).ToArray()), comparisons.Select(c => c.DeLongPHolm));
    }

    [Fact]
    public void GivenTwoDetectors_WhenBootstrapped_ThenEachResampleDrawsTheSameTracesForBoth()
    {
        // Given
        var fixture = DeLongFixture.Get("stide_heavy_ties_480");
        var a = fixture.TracesA();
        var b = fixture.TracesB();

        // When
        var comparison = PairedAucComparison.CompareAll([("a", a), ("b", b)], Options).Single();

        // Then: a plain re-implementation (draw trace positions in id order, normals then attacks, and
        // compute both AUCs on the drawn traces) gives the same percentile interval and p-value
        var expected = NaiveDifferences(a, b, Options.BootstrapResamples, Options.BootstrapSeed);
        var interval = StratifiedBootstrap.PercentileInterval(expected, Options.ConfidenceLevel);
        Assert.Equal(interval.Lower, comparison.Bootstrap!.Interval.Lower, 12);
        Assert.Equal(interval.Upper, comparison.Bootstrap.Interval.Upper, 12);
        var p = Math.Min(1, 2.0 * Math.Min(expected.Count(d => d <= 0), expected.Count(d => d >= 0)) / expected.Length);
        Assert.Equal(p, comparison.Bootstrap.PValue);
        Assert.Equal(Options.BootstrapResamples, comparison.Bootstrap.Resamples);
    }

    [Fact]
    public void GivenShuffledInputAndTheSameSeed_WhenCompared_ThenResultsAreIdentical()
    {
        var fixture = DeLongFixture.Get("correlated_gaussian_360");
        var shuffled = fixture.TracesA().OrderBy(t => t.Score).ToArray();

        var first = PairedAucComparison.CompareAll([("a", fixture.TracesA()), ("b", fixture.TracesB())], Options).Single();
        var second = PairedAucComparison.CompareAll([("a", shuffled), ("b", fixture.TracesB())], Options).Single();

        Assert.Equal(first, second);
    }

    [Fact]
    public void GivenTheSameRankingTwice_WhenBootstrapped_ThenTheIntervalIsZeroAndPIsOne()
    {
        var a = ScoreSets.Gaussian(80, 20, 1.0, seed: 5);
        var b = a.Select(t => t with { Score = Math.Exp(t.Score) }).ToArray();

        var comparison = PairedAucComparison.CompareAll([("a", a), ("b", b)], Options).Single();

        Assert.Equal(0, comparison.Bootstrap!.Interval.Lower);
        Assert.Equal(0, comparison.Bootstrap.Interval.Upper);
        Assert.Equal(1, comparison.Bootstrap.PValue);
    }

    [Fact]
    public void GivenAClearlyBetterDetector_WhenCompared_ThenBothTestsFindIt()
    {
        var fixture = DeLongFixture.Get("clear_difference_100");

        var comparison = PairedAucComparison.CompareAll([("strong", fixture.TracesA()), ("weak", fixture.TracesB())], Options).Single();

        Assert.True(comparison.Difference > 0.2);
        Assert.True(comparison.DeLong.PValue < 1e-4);
        Assert.True(comparison.Bootstrap!.Interval.Lower > 0);
        Assert.Equal(0, comparison.Bootstrap.PValue);
    }

    [Fact]
    public void GivenBootstrapOff_WhenCompared_ThenOnlyDeLong()
    {
        var fixture = DeLongFixture.Get("tiny_with_ties");

        var comparison = PairedAucComparison.CompareAll([("a", fixture.TracesA()), ("b", fixture.TracesB())],
            new EvaluationOptions { BootstrapResamples = 0 }).Single();

        Assert.Null(comparison.Bootstrap);
        Assert.Null(comparison.BootstrapPHolm);
        Assert.Equal(fixture.PValue, comparison.DeLong.PValue, 12);
    }

    private static double[] NaiveDifferences(IReadOnlyList<ScoredTrace> a, IReadOnlyList<ScoredTrace> b, int resamples, int seed)
    {
        var normals = a.Where(t => t.Label == TraceLabel.Normal).Select(t => t.TraceId).Order(StringComparer.Ordinal).ToArray();
        var attacks = a.Where(t => t.Label == TraceLabel.Attack).Select(t => t.TraceId).Order(StringComparer.Ordinal).ToArray();
        var scoreA = a.ToDictionary(t => t.TraceId);
        var scoreB = b.ToDictionary(t => t.TraceId);
        var random = new Xoshiro256StarStar(unchecked((ulong)seed));
        var differences = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var drawn = normals.Select(_ => normals[random.NextInt(normals.Length)]).ToList();
            drawn.AddRange(attacks.Select(_ => attacks[random.NextInt(attacks.Length)]));
            differences[r] = RocCurve.Compute(drawn.Select((id, i) => scoreA[id] with { TraceId = $"{i}" }).ToArray()).Auc
                - RocCurve.Compute(drawn.Select((id, i) => scoreB[id] with { TraceId = $"{i}" }).ToArray()).Auc;
        }

        return differences;
    }
}
