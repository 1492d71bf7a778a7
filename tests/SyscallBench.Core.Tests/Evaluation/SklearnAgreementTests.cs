using SyscallBench.Core.Evaluation;

namespace SyscallBench.Core.Tests.Evaluation;

/// <summary>ROC/PR curves, ROC AUC and AP against scikit-learn 1.2.1's answers on the committed fixtures.</summary>
public sealed class SklearnAgreementTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [MemberData(nameof(SklearnFixture.AllNames), MemberType = typeof(SklearnFixture))]
    public void GivenTheFixtureScores_WhenRocAucIsComputed_ThenItEqualsSklearnRocAucScore(string fixtureName)
    {
        // Given
        var fixture = SklearnFixture.Load(fixtureName);

        // When
        var roc = RocCurve.Compute(fixture.ToScoredTraces());

        // Then
        Assert.Equal(fixture.RocAuc, roc.Auc, Tolerance);
    }

    [Theory]
    [MemberData(nameof(SklearnFixture.AllNames), MemberType = typeof(SklearnFixture))]
    public void GivenTheFixtureScores_WhenAveragePrecisionIsComputed_ThenItEqualsSklearnAveragePrecisionScore(string fixtureName)
    {
        // Given
        var fixture = SklearnFixture.Load(fixtureName);

        // When
        var curve = PrecisionRecallCurve.Compute(fixture.ToScoredTraces());

        // Then
        Assert.Equal(fixture.AveragePrecision, curve.AveragePrecision, Tolerance);
    }

    [Theory]
    [MemberData(nameof(SklearnFixture.AllNames), MemberType = typeof(SklearnFixture))]
    public void GivenTheFixtureScores_WhenTheRocCurveIsComputed_ThenItsPointsEqualSklearnRocCurveWithoutDroppedPoints(string fixtureName)
    {
        // Given
        var fixture = SklearnFixture.Load(fixtureName);

        // When
        var roc = RocCurve.Compute(fixture.ToScoredTraces());

        // Then
        Assert.Equal(fixture.RocFpr.Length, roc.FalsePositiveRates.Count);
        Assert.Equal(fixture.RocFpr.Length, roc.TruePositiveRates.Count);
        Assert.Equal(fixture.RocFpr.Length, roc.Thresholds.Count);
        for (var i = 0; i < fixture.RocFpr.Length; i++)
        {
            Assert.Equal(fixture.RocFpr[i], roc.FalsePositiveRates[i], Tolerance);
            Assert.Equal(fixture.RocTpr[i], roc.TruePositiveRates[i], Tolerance);
        }

        // sklearn's "nothing flagged" sentinel (max + 1 in 1.2.1) is stored as null; ours is +infinity.
        Assert.Null(fixture.RocThresholds[0]);
        Assert.Equal(double.PositiveInfinity, roc.Thresholds[0]);
        for (var i = 1; i < fixture.RocThresholds.Length; i++)
        {
            Assert.Equal(fixture.RocThresholds[i]!.Value, roc.Thresholds[i], Tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(SklearnFixture.AllNames), MemberType = typeof(SklearnFixture))]
    public void GivenTheFixtureScores_WhenThePrecisionRecallCurveIsComputed_ThenItsPointsEqualSklearnsInReverseOrder(string fixtureName)
    {
        // Given
        var fixture = SklearnFixture.Load(fixtureName);
        var last = fixture.PrPrecision.Length - 1;

        // When
        var curve = PrecisionRecallCurve.Compute(fixture.ToScoredTraces());

        // Then: sklearn lists thresholds ascending and ends with (recall 0, precision 1); we start there.
        Assert.Equal(fixture.PrPrecision.Length, curve.Precisions.Count);
        Assert.Equal(fixture.PrThresholds.Length + 1, curve.Thresholds.Count);
        for (var i = 0; i <= last; i++)
        {
            Assert.Equal(fixture.PrPrecision[last - i], curve.Precisions[i], Tolerance);
            Assert.Equal(fixture.PrRecall[last - i], curve.Recalls[i], Tolerance);
        }

        Assert.Equal(double.PositiveInfinity, curve.Thresholds[0]);
        for (var i = 1; i <= last; i++)
        {
            Assert.Equal(fixture.PrThresholds[last - i], curve.Thresholds[i], Tolerance);
        }
    }

    [Fact]
    public void GivenAllEqualScores_WhenEvaluated_ThenAucIsHalfAndApIsPrevalenceAsInSklearn()
    {
        // Given: the all_equal fixture has 10 normals and 5 attacks, all scored 3.0.
        var fixture = SklearnFixture.Load("all_equal");

        // When
        var evaluation = Evaluator.Evaluate("constant", fixture.ToScoredTraces(), new EvaluationOptions { BootstrapResamples = 50 });

        // Then
        Assert.Equal(0.5, fixture.RocAuc);
        Assert.Equal(5.0 / 15.0, fixture.AveragePrecision, Tolerance);
        Assert.Equal(0.5, evaluation.RocAuc);
        Assert.Equal(5.0 / 15.0, evaluation.AveragePrecision, Tolerance);
        Assert.Equal(new ConfidenceInterval(0.5, 0.5, 0.95), evaluation.RocAucCi);
    }
}
