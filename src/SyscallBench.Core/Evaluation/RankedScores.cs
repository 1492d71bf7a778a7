using System.Globalization;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Evaluation;

/// <summary>
/// One detector's test scores, validated and grouped by distinct value, highest first: the form every
/// metric here is computed from. A group holds all traces with exactly the same score (by <c>==</c>, so
/// 0.0 and -0.0 are one group, as in sklearn), which is what makes the curves tie-aware: a threshold
/// flags a whole group or none of it.
/// </summary>
internal sealed class RankedScores
{
    private RankedScores(
        string detector,
        double[] values,
        int[] normalCounts,
        int[] attackCounts,
        int[] normalGroups,
        int[] attackGroups)
    {
        Detector = detector;
        Values = values;
        NormalCounts = normalCounts;
        AttackCounts = attackCounts;
        NormalGroups = normalGroups;
        AttackGroups = attackGroups;
    }

    public string Detector { get; }

    /// <summary>The distinct score values, strictly decreasing.</summary>
    public double[] Values { get; }

    /// <summary>How many normal traces scored <c>Values[g]</c>.</summary>
    public int[] NormalCounts { get; }

    /// <summary>How many attack traces scored <c>Values[g]</c>.</summary>
    public int[] AttackCounts { get; }

    /// <summary>The group of each normal trace, listed by decreasing score (input order plays no part).</summary>
    public int[] NormalGroups { get; }

    /// <summary>The group of each attack trace, listed by decreasing score.</summary>
    public int[] AttackGroups { get; }

    public int NormalTotal => NormalGroups.Length;

    public int AttackTotal => AttackGroups.Length;

    public int GroupCount => Values.Length;

    /// <summary>The group holding <paramref name="score"/>, which must be one of the scores this was built from.</summary>
    public int GroupOf(double score)
    {
        // Values decrease strictly; -0.0 compares equal to 0.0, as in the grouping.
        var group = Array.BinarySearch(Values, score, DescendingOrder);
        return group >= 0
            ? group
            : throw new ArgumentException($"Detector '{Detector}' has no score {score.ToString("R", CultureInfo.InvariantCulture)}.", nameof(score));
    }

    private static readonly Comparer<double> DescendingOrder = Comparer<double>.Create((a, b) => b.CompareTo(a));

    /// <summary>Validates (finite scores, both classes present) and groups the scores.</summary>
    /// <exception cref="EvaluationException">A score is NaN or infinite, or a class is missing.</exception>
    public static RankedScores Build(string detector, IReadOnlyList<ScoredTrace> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var normalTotal = 0;
        foreach (var trace in scores)
        {
            if (!double.IsFinite(trace.Score))
            {
                throw new EvaluationException(
                    $"Detector '{detector}' gave trace '{trace.TraceId}' the score "
                    + $"{trace.Score.ToString(CultureInfo.InvariantCulture)}; scores must be finite numbers.");
            }

            normalTotal += trace.Label == TraceLabel.Normal ? 1 : 0;
        }

        var attackTotal = scores.Count - normalTotal;
        if (normalTotal == 0 || attackTotal == 0)
        {
            var missing = normalTotal == 0 ? "normal" : "attack";
            throw new EvaluationException(
                $"Detector '{detector}': no {missing} traces among the {scores.Count} scored traces; ROC AUC, "
                + "average precision and operating points need both normal and attack traces.");
        }

        var sortedScores = new double[scores.Count];
        var sortedIsAttack = new bool[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            sortedScores[i] = scores[i].Score;
            sortedIsAttack[i] = scores[i].Label == TraceLabel.Attack;
        }

        // Ascending; walked backwards below. Order within a tie does not matter: ties become one group.
        Array.Sort(sortedScores, sortedIsAttack);

        var values = new List<double>();
        var normalCounts = new List<int>();
        var attackCounts = new List<int>();
        var normalGroups = new int[normalTotal];
        var attackGroups = new int[attackTotal];
        int nextNormal = 0, nextAttack = 0;
        for (var i = sortedScores.Length - 1; i >= 0; i--)
        {
            if (values.Count == 0 || sortedScores[i] != values[^1])
            {
                // -0.0 and 0.0 are one group; store +0.0 so the reported threshold does not depend on
                // which of them the sort happened to put first.
                values.Add(sortedScores[i] == 0 ? 0.0 : sortedScores[i]);
                normalCounts.Add(0);
                attackCounts.Add(0);
            }

            var group = values.Count - 1;
            if (sortedIsAttack[i])
            {
                attackCounts[group]++;
                attackGroups[nextAttack++] = group;
            }
            else
            {
                normalCounts[group]++;
                normalGroups[nextNormal++] = group;
            }
        }

        return new RankedScores(detector, [.. values], [.. normalCounts], [.. attackCounts], normalGroups, attackGroups);
    }

    /// <summary>
    /// ROC AUC from per-group counts: the trapezoid rule over the ROC points, which for grouped scores is
    /// the Mann-Whitney statistic P(attack &gt; normal) + P(attack == normal) / 2. Computed in integers, then
    /// divided once, so it is exact to rounding.
    /// </summary>
    public static double Auc(int[] normalCounts, int[] attackCounts, int normalTotal, int attackTotal)
    {
        long twiceArea = 0;
        long attacksAbove = 0;
        for (var g = 0; g < normalCounts.Length; g++)
        {
            // Trapezoid of width normals/N between heights attacksAbove/P and (attacksAbove + attacks)/P.
            twiceArea += normalCounts[g] * (2 * attacksAbove + attackCounts[g]);
            attacksAbove += attackCounts[g];
        }

        return twiceArea / (2.0 * normalTotal * attackTotal);
    }

    /// <summary>
    /// Average precision as sklearn defines it: sum over distinct thresholds, highest first, of
    /// (R_n - R_{n-1}) * P_n, with R the recall and P the precision when flagging score &gt;= threshold n.
    /// </summary>
    public static double AveragePrecision(int[] normalCounts, int[] attackCounts, int attackTotal)
    {
        var sum = 0.0;
        long truePositives = 0, flagged = 0;
        for (var g = 0; g < normalCounts.Length; g++)
        {
            truePositives += attackCounts[g];
            flagged += attackCounts[g] + normalCounts[g];
            if (attackCounts[g] > 0)
            {
                sum += (double)attackCounts[g] / attackTotal * ((double)truePositives / flagged);
            }
        }

        return sum;
    }
}
