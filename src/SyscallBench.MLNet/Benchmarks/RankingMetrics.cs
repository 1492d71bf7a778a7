namespace SyscallBench.MLNet.Benchmarks;

/// <summary>
/// Threshold-free ranking metrics for benchmark reports (attack = positive, higher score = more anomalous),
/// tie-aware with the same definitions as scikit-learn's roc_auc_score and average_precision_score. A
/// stop-gap for the bench command until it reads them from the Evaluation module.
/// </summary>
public static class RankingMetrics
{
    /// <summary>P(score of a random attack &gt; score of a random normal) + ½ P(tie) (Mann–Whitney with midranks).</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> isAttack)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double attackRankSum = 0;
        long attacks = 0;
        var k = 0;
        while (k < order.Length)
        {
            var end = k;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[k]])
            {
                end++;
            }

            var midRank = (k + end) / 2.0 + 1;
            for (var m = k; m <= end; m++)
            {
                if (isAttack[order[m]])
                {
                    attackRankSum += midRank;
                    attacks++;
                }
            }

            k = end + 1;
        }

        var normals = scores.Count - attacks;
        if (attacks == 0 || normals == 0)
        {
            throw new ArgumentException("ROC AUC needs at least one attack and one normal trace.");
        }

        return (attackRankSum - attacks * (attacks + 1) / 2.0) / ((double)attacks * normals);
    }

    /// <summary>Σ_n (R_n − R_{n−1}) P_n over distinct score thresholds, highest first (scikit-learn's AP).</summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> isAttack)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var positives = isAttack.Count(a => a);
        if (positives == 0)
        {
            throw new ArgumentException("Average precision needs at least one attack trace.");
        }

        double ap = 0, previousRecall = 0;
        long truePositives = 0, falsePositives = 0;
        var k = 0;
        while (k < order.Length)
        {
            var threshold = scores[order[k]];
            while (k < order.Length && scores[order[k]] == threshold)
            {
                if (isAttack[order[k]])
                {
                    truePositives++;
                }
                else
                {
                    falsePositives++;
                }

                k++;
            }

            var recall = (double)truePositives / positives;
            var precision = (double)truePositives / (truePositives + falsePositives);
            ap += (recall - previousRecall) * precision;
            previousRecall = recall;
        }

        return ap;
    }
}
