using FsCheck.Xunit;
using SyscallBench.Core.Evaluation;

namespace SyscallBench.Core.Tests.Evaluation;

/// <summary>
/// Random small score sets (scores in 0..6, so ties are common) against definitions computed the slow,
/// obvious way, independent of the grouped formulas.
/// </summary>
public sealed class MetricPropertyTests
{
    [Property(MaxTest = 300)]
    public bool GivenAnyScores_WhenAucIsComputed_ThenItIsTheFractionOfAttackNormalPairsInOrderWithTiesCountingHalf(int n0, int a0, int[] normals, int[] attacks)
    {
        var (normalScores, attackScores) = SmallScores(n0, a0, normals, attacks);
        var pairs = attackScores.Sum(a => normalScores.Sum(n => a > n ? 1.0 : a == n ? 0.5 : 0.0));
        var expected = pairs / (normalScores.Length * attackScores.Length);
        return Math.Abs(RocCurve.Compute(ScoreSets.Build(normalScores, attackScores)).Auc - expected) < 1e-12;
    }

    [Property(MaxTest = 300)]
    public bool GivenAnyScores_WhenNegated_ThenTheAucIsMirrored(int n0, int a0, int[] normals, int[] attacks)
    {
        var (normalScores, attackScores) = SmallScores(n0, a0, normals, attacks);
        var auc = RocCurve.Compute(ScoreSets.Build(normalScores, attackScores)).Auc;
        var negatedAuc = RocCurve.Compute(ScoreSets.Build(normalScores.Select(s => -s), attackScores.Select(s => -s))).Auc;
        return Math.Abs(auc + negatedAuc - 1) < 1e-12;
    }

    [Property(MaxTest = 300)]
    public bool GivenAnyScores_WhenAveragePrecisionIsComputed_ThenItIsTheMeanOverAttacksOfPrecisionAtTheirOwnScore(int n0, int a0, int[] normals, int[] attacks)
    {
        // With ties, flagging score >= an attack's score flags its whole tie group, as sklearn does.
        var (normalScores, attackScores) = SmallScores(n0, a0, normals, attacks);
        var expected = attackScores.Average(threshold =>
        {
            double flaggedAttacks = attackScores.Count(s => s >= threshold);
            return flaggedAttacks / (flaggedAttacks + normalScores.Count(s => s >= threshold));
        });
        return Math.Abs(PrecisionRecallCurve.Compute(ScoreSets.Build(normalScores, attackScores)).AveragePrecision - expected) < 1e-12;
    }

    [Property(MaxTest = 300)]
    public bool GivenAnyScores_WhenOperatingPointsAreChosen_ThenNoneExceedsItsTargetAndTheNextLowerNormalScoreWould(int n0, int a0, int[] normals, int[] attacks, byte targetPercent)
    {
        var (normalScores, attackScores) = SmallScores(n0, a0, normals, attacks);
        var target = ((targetPercent % 99) + 1) / 100.0;
        var point = Assert.Single(OperatingPoints.AtFalseAlarmRates(ScoreSets.Build(normalScores, attackScores), [target]));
        var rateAbove = (double t) => (double)normalScores.Count(s => s > t) / normalScores.Length;
        var lowerNormals = normalScores.Where(s => s < point.Threshold).ToArray();
        return normalScores.Contains(point.Threshold)
            && point.FalseAlarmRate == rateAbove(point.Threshold)
            && point.FalseAlarmRate <= target
            && (lowerNormals.Length == 0 || rateAbove(lowerNormals.Max()) > target)
            && point.DetectionRate == (double)attackScores.Count(s => s > point.Threshold) / attackScores.Length;
    }

    private static (double[] Normals, double[] Attacks) SmallScores(int n0, int a0, int[] normals, int[] attacks) =>
        ([.. normals.Prepend(n0).Select(Small)], [.. attacks.Prepend(a0).Select(Small)]);

    private static double Small(int value) => ((value % 7) + 7) % 7;
}
