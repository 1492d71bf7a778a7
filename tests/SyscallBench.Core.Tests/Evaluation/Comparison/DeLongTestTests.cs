using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.Comparison;

namespace SyscallBench.Core.Tests.Evaluation.Comparison;

public sealed class DeLongTestTests
{
    [Theory]
    [MemberData(nameof(DeLongFixture.Names), MemberType = typeof(DeLongFixture))]
    public void GivenAScipyReferenceCase_WhenCompared_ThenDifferenceErrorZAndPMatchTo1e9(string name)
    {
        // Given scores and the literal O(m n) DeLong computed with numpy/scipy
        var fixture = DeLongFixture.Get(name);

        // When
        var result = DeLongTest.Compare(fixture.TracesA(), fixture.TracesB());

        // Then
        Assert.Equal(fixture.Difference, result.Difference, 1e-12);
        Assert.Equal(fixture.StandardError, result.StandardError, 1e-12);
        Assert.True(Math.Abs(fixture.Z - result.Z) <= 1e-9 * Math.Max(1, Math.Abs(fixture.Z)), $"z {result.Z} vs {fixture.Z}");
        Assert.True(Math.Abs(fixture.PValue - result.PValue) <= 1e-9 * fixture.PValue, $"p {result.PValue:R} vs {fixture.PValue:R}");
    }

    [Fact]
    public void GivenIdenticalRankings_WhenCompared_ThenNoDifferenceAndPIsOne()
    {
        // Given B is a monotone transform of A: the same ranking, so the same AUC on every trace subset
        var a = ScoreSets.Gaussian(50, 20, 1.0, seed: 3);
        var b = a.Select(t => t with { Score = (3 * t.Score) + 1 }).ToArray();

        // When
        var result = DeLongTest.Compare(a, b);

        // Then
        Assert.Equal(0, result.Difference);
        Assert.Equal(0, result.StandardError);
        Assert.Equal(0, result.Z);
        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void GivenAPerfectDetectorAgainstAConstantOne_WhenCompared_ThenTheDifferenceIsCertain()
    {
        // Given every component is constant (1 for the perfect detector, 1/2 for the constant one)
        var perfect = ScoreSets.Build([0, 1, 2], [5, 6]);
        var constant = perfect.Select(t => t with { Score = 7 }).ToArray();

        // When
        var result = DeLongTest.Compare(perfect, constant);

        // Then
        Assert.Equal(0.5, result.Difference);
        Assert.Equal(0, result.StandardError);
        Assert.Equal(double.PositiveInfinity, result.Z);
        Assert.Equal(0, result.PValue);
    }

    [Fact]
    public void GivenASingleAttack_WhenCompared_ThenTheErrorIsUndefinedNotInvented()
    {
        var a = ScoreSets.Build([0, 1, 2], [5]);
        var b = ScoreSets.Build([0, 3, 2], [1]);

        var result = DeLongTest.Compare(a, b);

        Assert.True(double.IsNaN(result.StandardError));
        Assert.True(double.IsNaN(result.PValue));
    }

    [Fact]
    public void GivenDifferentTestTraces_WhenCompared_ThenTheErrorNamesTheTrace()
    {
        var a = ScoreSets.Build([0, 1, 2], [5, 6]);
        var b = ScoreSets.Build([0, 1], [5, 6, 7]);

        var error = Assert.Throws<EvaluationException>(() => DeLongTest.Compare(a, b));

        Assert.Contains("'attack-2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("same test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTiedValues_WhenRanked_ThenTiesShareTheirMeanRank()
    {
        var ranks = MidRanks.Of([3.0, 1.0, 3.0, 2.0, 3.0, 1.0]);

        Assert.Equal([5.0, 1.5, 5.0, 3.0, 5.0, 1.5], ranks);
    }
}
