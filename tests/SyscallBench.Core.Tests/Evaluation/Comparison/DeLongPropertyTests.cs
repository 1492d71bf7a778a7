using FsCheck.Xunit;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.Comparison;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Evaluation.Comparison;

/// <summary>
/// Random small score sets with many ties (scores in 0..6): the midrank algorithm against DeLong's
/// definition computed pair by pair, and the symmetries any paired test must have.
/// </summary>
public sealed class DeLongPropertyTests
{
    [Property(MaxTest = 300)]
    public bool GivenAnyScores_WhenTheMidrankVarianceIsComputed_ThenItEqualsDeLongsPairwiseDefinition(int[] normals, int[] attacks, int shift)
    {
        var (a, b) = TwoDetectors(normals, attacks, shift);

        var result = DeLongTest.Compare(a, b);

        var expected = PairwiseVariance(a, b);
        return double.IsNaN(expected) ? double.IsNaN(result.StandardError) : Math.Abs((result.StandardError * result.StandardError) - expected) < 1e-12;
    }

    [Property(MaxTest = 200)]
    public bool GivenAnyScores_WhenTheDetectorsAreSwapped_ThenDifferenceAndZAreNegatedAndPIsKept(int[] normals, int[] attacks, int shift)
    {
        var (a, b) = TwoDetectors(normals, attacks, shift);

        var forward = DeLongTest.Compare(a, b);
        var backward = DeLongTest.Compare(b, a);

        return forward.Difference == -backward.Difference
            && (double.IsNaN(forward.Z) ? double.IsNaN(backward.Z) : forward.Z == -backward.Z)
            && (double.IsNaN(forward.PValue) ? double.IsNaN(backward.PValue) : forward.PValue == backward.PValue);
    }

    [Property(MaxTest = 200)]
    public bool GivenAnyPValues_WhenHolmAdjusted_ThenTheyAreAtLeastTheRawOnesAtMostOneAndKeepTheirOrder(double[] raw)
    {
        var p = raw.Select(v => double.IsFinite(v) ? Math.Abs(v) % 1 : 0.5).ToArray();

        var adjusted = HolmAdjustment.Adjust(p);

        var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
        return adjusted.Zip(p).All(x => x.First >= x.Second && x.First <= 1)
            && order.Zip(order.Skip(1)).All(x => adjusted[x.First] <= adjusted[x.Second]);
    }

    /// <summary>A: scores in 0..6; B: a different, seed-shifted ranking of the same traces.</summary>
    private static (IReadOnlyList<ScoredTrace> A, IReadOnlyList<ScoredTrace> B) TwoDetectors(int[] normals, int[] attacks, int shift)
    {
        double[] normalScores = [.. normals.Append(1).Append(4).Select(Small)];
        double[] attackScores = [.. attacks.Append(2).Append(5).Select(Small)];
        var a = ScoreSets.Build(normalScores, attackScores);
        var b = a.Select((t, i) => t with { Score = Small((3 * (int)t.Score) + (i % 3) + shift) }).ToArray();
        return (a, b);
    }

    private static double PairwiseVariance(IReadOnlyList<ScoredTrace> a, IReadOnlyList<ScoredTrace> b)
    {
        double Psi(double attack, double normal) => attack > normal ? 1 : attack == normal ? 0.5 : 0;
        (double[] PerAttack, double[] PerNormal) Components(IReadOnlyList<ScoredTrace> scores)
        {
            var attacks = scores.Where(t => t.Label == TraceLabel.Attack).Select(t => t.Score).ToArray();
            var normals = scores.Where(t => t.Label == TraceLabel.Normal).Select(t => t.Score).ToArray();
            return (attacks.Select(x => normals.Average(y => Psi(x, y))).ToArray(), normals.Select(y => attacks.Average(x => Psi(x, y))).ToArray());
        }

        double SampleVariance(double[] values) =>
            values.Length < 2 ? double.NaN : values.Sum(v => (v - values.Average()) * (v - values.Average())) / (values.Length - 1);

        var (attacksA, normalsA) = Components(a);
        var (attacksB, normalsB) = Components(b);
        return (SampleVariance([.. attacksA.Zip(attacksB, (x, y) => x - y)]) / attacksA.Length)
            + (SampleVariance([.. normalsA.Zip(normalsB, (x, y) => x - y)]) / normalsA.Length);
    }

    private static double Small(int value) => ((value % 7) + 7) % 7;
}
