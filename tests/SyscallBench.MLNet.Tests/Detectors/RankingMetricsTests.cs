using SyscallBench.MLNet.Benchmarks;

namespace SyscallBench.MLNet.Tests.Detectors;

public sealed class RankingMetricsTests
{
    [Fact]
    public void GivenScoresWithTies_WhenComputingRocAucAndAp_ThenTheyEqualScikitLearn()
    {
        // Given: sklearn.metrics.roc_auc_score([0,1,0,1,0,1],[0.1,0.4,0.35,0.8,0.4,0.4]) = 0.888888888888889,
        //        average_precision_score(...) = 0.8333333333333333
        double[] scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4];
        bool[] attack = [false, true, false, true, false, true];

        // When
        var auc = RankingMetrics.RocAuc(scores, attack);
        var ap = RankingMetrics.AveragePrecision(scores, attack);

        // Then
        Assert.Equal(0.888888888888889, auc, 1e-15);
        Assert.Equal(0.8333333333333333, ap, 1e-15);
    }
}
