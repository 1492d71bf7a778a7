using MathNet.Numerics;

namespace SyscallBench.Core.Evaluation.Comparison;

/// <summary>DeLong's test of two correlated ROC AUCs measured on the same test traces.</summary>
/// <param name="Difference">AUC of the first detector minus AUC of the second.</param>
/// <param name="StandardError">DeLong's estimate of the difference's standard error; NaN with fewer than 2 traces of a class.</param>
/// <param name="Z">Difference / standard error. 0 when both are 0 (identical rankings); infinite when only the error is 0.</param>
/// <param name="PValue">Two-sided, from the standard normal: 2 * P(N(0,1) &gt; |z|).</param>
public sealed record DeLongResult(double Difference, double StandardError, double Z, double PValue);

/// <summary>
/// DeLong, DeLong &amp; Clarke-Pearson (1988), "Comparing the areas under two or more correlated receiver
/// operating characteristic curves: a nonparametric approach", computed with the fast algorithm of
/// Sun &amp; Xu (2014), "Fast implementation of DeLong's algorithm for comparing the areas under correlated
/// receiver operating characteristic curves", IEEE Signal Processing Letters 21(11).
/// </summary>
/// <remarks>
/// For a detector, with m attack scores X and n normal scores Y, DeLong's structural components are
/// V10_i = mean_j psi(X_i, Y_j) per attack and V01_j = mean_i psi(X_i, Y_j) per normal, psi = 1 if x &gt; y,
/// 1/2 if equal, 0 otherwise; their means are the AUC. Sun &amp; Xu get them from midranks in O(n log n):
/// with T_Z the midrank of a score among all m + n scores, T_X among the attacks and T_Y among the normals,
/// V10_i = (T_Z(X_i) - T_X(X_i)) / n and V01_j = 1 - (T_Z(Y_j) - T_Y(Y_j)) / m. Ties count one half,
/// exactly as in the AUC. For two detectors A and B scored on the same traces,
/// var(AUC_A - AUC_B) = s²(V10_A - V10_B) / m + s²(V01_A - V01_B) / n, with s² the sample variance
/// (n - 1), which equals DeLong's S_AA + S_BB - 2 S_AB. Verified against a literal O(m n) implementation
/// with scipy (tests/Fixtures/comparison/generate_delong_fixtures.py).
/// </remarks>
public static class DeLongTest
{
    /// <summary>Tests detector A's AUC against detector B's on the same traces (matched by trace id).</summary>
    /// <exception cref="EvaluationException">Different test traces, a missing class, or a non-finite score.</exception>
    public static DeLongResult Compare(IReadOnlyList<ScoredTrace> a, IReadOnlyList<ScoredTrace> b)
    {
        var paired = PairedScores.Align([("A", a), ("B", b)]);
        var aucs = Enumerable.Range(0, 2).Select(d => RocCurve.Compute(paired.ScoredTraces(d), paired.Detectors[d]).Auc).ToArray();
        var components = Enumerable.Range(0, 2).Select(d => Components.Of(paired, d)).ToArray();
        return Compare(aucs[0], aucs[1], components[0], components[1]);
    }

    /// <summary>The test from two detectors' exact AUCs and their structural components on the same traces.</summary>
    internal static DeLongResult Compare(double aucA, double aucB, Components a, Components b)
    {
        var difference = aucA - aucB;
        var variance = (SampleVariance(a.PerAttack, b.PerAttack) / a.PerAttack.Length)
            + (SampleVariance(a.PerNormal, b.PerNormal) / a.PerNormal.Length);
        var standardError = Math.Sqrt(variance);
        double z;
        if (double.IsNaN(standardError))
        {
            z = double.NaN;
        }
        else if (standardError == 0)
        {
            // Identical rankings give difference 0 and error 0: no evidence of a difference. An error of 0
            // with a difference (a perfect detector against a constant one) is a certain difference.
            z = difference == 0 ? 0 : difference > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }
        else
        {
            z = difference / standardError;
        }

        // erfc keeps full relative precision far into the tail, where 1 - Phi(|z|) would round to 0.
        var p = double.IsNaN(z) ? double.NaN : SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));
        return new DeLongResult(difference, standardError, z, p);
    }

    /// <summary>Sample variance (n - 1) of a - b elementwise; NaN for fewer than 2 elements.</summary>
    private static double SampleVariance(double[] a, double[] b)
    {
        if (a.Length < 2)
        {
            return double.NaN;
        }

        var mean = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            mean += a[i] - b[i];
        }

        mean /= a.Length;
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var deviation = a[i] - b[i] - mean;
            sum += deviation * deviation;
        }

        return sum / (a.Length - 1);
    }

    /// <summary>One detector's DeLong structural components, in the shared trace order of a <see cref="PairedScores"/>.</summary>
    internal sealed record Components(double[] PerAttack, double[] PerNormal)
    {
        public static Components Of(PairedScores paired, int detector)
        {
            var attacks = paired.AttackScores[detector];
            var normals = paired.NormalScores[detector];
            int m = attacks.Length, n = normals.Length;
            var all = MidRanks.Of([.. attacks, .. normals]);
            var amongAttacks = MidRanks.Of(attacks);
            var amongNormals = MidRanks.Of(normals);
            var perAttack = new double[m];
            for (var i = 0; i < m; i++)
            {
                perAttack[i] = (all[i] - amongAttacks[i]) / n;
            }

            var perNormal = new double[n];
            for (var j = 0; j < n; j++)
            {
                perNormal[j] = 1 - ((all[m + j] - amongNormals[j]) / m);
            }

            return new Components(perAttack, perNormal);
        }
    }
}
