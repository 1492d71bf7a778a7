using SyscallBench.Core.Evaluation;

namespace SyscallBench.Core.Tests.Evaluation;

public sealed class OperatingPointsTests
{
    [Theory]
    // target, expected threshold, achieved false-alarm rate, detection rate (see ScoreSets.SmallTied).
    [InlineData(0.001, 3.0, 0.0, 0.2)] // below 1/N: the maximum normal score, no false alarms
    [InlineData(0.05, 3.0, 0.0, 0.2)]
    [InlineData(0.1, 2.0, 0.1, 0.4)] // exactly 1 of 10 normals above 2
    [InlineData(0.25, 1.0, 0.2, 0.6)]
    [InlineData(0.5, 0.0, 0.3, 0.8)] // ties at 0 are never flagged: achieved 0.3, far below 0.5
    [InlineData(0.99, 0.0, 0.3, 0.8)]
    public void GivenTiedScoresWhenTargetingFalseAlarmRateThenThresholdComesFromNormalScoresAndTiesAreNotFlagged(
        double target, double threshold, double falseAlarmRate, double detectionRate)
    {
        // Given
        var scores = ScoreSets.SmallTied();

        // When
        var point = Assert.Single(OperatingPoints.AtFalseAlarmRates(scores, [target]));

        // Then
        Assert.Equal(new OperatingPoint(target, threshold, falseAlarmRate, detectionRate), point);
    }

    [Fact]
    public void GivenStideLikeTies_WhenTargetingOnePercent_ThenAchievedRateIsZeroAndReportedHonestly()
    {
        // Given: 5% of normals score 0.5, the rest 0.
        var scores = ScoreSets.StideLike();

        // When
        var points = OperatingPoints.AtFalseAlarmRates(scores, [0.01, 0.1]);

        // Then: 1% cannot be met by flagging the 0.5s (5%), so only scores above 0.5 are flagged.
        Assert.Equal(new OperatingPoint(0.01, 0.5, 0.0, 10.0 / 30.0), points[0]);
        Assert.Equal(new OperatingPoint(0.1, 0.0, 0.05, 20.0 / 30.0), points[1]);
    }

    [Fact]
    public void GivenFractionExactlyAtTarget_WhenChoosingThreshold_ThenItCountsAsWithinTarget()
    {
        // Given: 71 normals at 0 and 29 at 1, so exactly 29% of normals lie above 0. In doubles
        // 0.29 * 100 = 28.999999999999996, so a multiply-and-compare rule would wrongly reject 0.
        var scores = ScoreSets.Build(
            Enumerable.Repeat(0.0, 71).Concat(Enumerable.Repeat(1.0, 29)),
            [0.5, 2.0]);

        // When
        var point = Assert.Single(OperatingPoints.AtFalseAlarmRates(scores, [0.29]));

        // Then
        Assert.Equal(new OperatingPoint(0.29, 0.0, 0.29, 1.0), point);
    }

    [Fact]
    public void GivenAttackLabelsChanged_WhenChoosingThresholds_ThenThresholdsDoNotMove()
    {
        // Given: the same normals with two very different attack sets.
        var normals = Enumerable.Range(0, 200).Select(i => i / 10.0).ToArray();
        var weakAttacks = ScoreSets.Build(normals, [0.0, 0.1, 0.2]);
        var strongAttacks = ScoreSets.Build(normals, [100.0, 150.0, 19.85, 3.0]);
        double[] targets = [0.01, 0.05, 0.1];

        // When
        var weak = OperatingPoints.AtFalseAlarmRates(weakAttacks, targets);
        var strong = OperatingPoints.AtFalseAlarmRates(strongAttacks, targets);

        // Then
        Assert.Equal(weak.Select(p => p.Threshold), strong.Select(p => p.Threshold));
        Assert.Equal(weak.Select(p => p.FalseAlarmRate), strong.Select(p => p.FalseAlarmRate));
        Assert.Equal([19.7, 18.9, 17.9], strong.Select(p => p.Threshold));
        Assert.Equal([0.01, 0.05, 0.1], strong.Select(p => p.FalseAlarmRate));
        Assert.Equal([0.75, 0.75, 0.75], strong.Select(p => p.DetectionRate));
    }

    [Theory]
    // target, threshold, false-alarm rate, detection rate on the SmallTied ROC curve (flag score >= threshold):
    // (inf: 0, 0), (4: 0, 0.2), (3: 0.1, 0.4), (2: 0.2, 0.6), (1: 0.3, 0.8), (0: 1, 1).
    [InlineData(0.1, 4.0, 0.0, 0.2)]
    [InlineData(0.5, 2.0, 0.2, 0.6)]
    [InlineData(0.8, 1.0, 0.3, 0.8)] // 4/5 reaches 0.8 exactly
    [InlineData(0.9, 0.0, 1.0, 1.0)]
    public void GivenRocCurveWhenReadAtDetectionRateThenFirstPointReachingItIsReported(
        double target, double threshold, double falseAlarmRate, double detectionRate)
    {
        // Given
        var roc = RocCurve.Compute(ScoreSets.SmallTied());

        // When
        var point = OperatingPoints.AtDetectionRate(roc, target);

        // Then
        Assert.Equal(new DetectionOperatingPoint(target, threshold, falseAlarmRate, detectionRate), point);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void GivenRateOutsideOpenUnitInterval_WhenAsked_ThenArgumentIsRejected(double rate)
    {
        // Given
        var scores = ScoreSets.SmallTied();

        // When / Then
        Assert.Throws<ArgumentOutOfRangeException>(() => OperatingPoints.AtFalseAlarmRates(scores, [rate]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OperatingPoints.AtDetectionRate(RocCurve.Compute(scores), rate));
    }
}
