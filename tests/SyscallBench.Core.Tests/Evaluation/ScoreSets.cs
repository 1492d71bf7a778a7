using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Evaluation;

/// <summary>Small hand-made score sets with hand-computed answers.</summary>
internal static class ScoreSets
{
    public static ScoredTrace Normal(double score, string id = "n") => new(id, TraceLabel.Normal, null, score);

    public static ScoredTrace Attack(double score, string? family = "Family", string id = "a") =>
        new(id, TraceLabel.Attack, family, score);

    public static IReadOnlyList<ScoredTrace> Build(IEnumerable<double> normals, IEnumerable<double> attacks) =>
        normals.Select((s, i) => Normal(s, $"normal-{i}"))
            .Concat(attacks.Select((s, i) => Attack(s, "Family", $"attack-{i}")))
            .ToArray();

    /// <summary>
    /// 10 normals: seven 0s, then 1, 2, 3. 5 attacks: 0, 1, 2, 3, 4. Normals strictly above each normal
    /// value: above 0: 3, above 1: 2, above 2: 1, above 3: 0.
    /// </summary>
    public static IReadOnlyList<ScoredTrace> SmallTied() =>
        Build([0, 0, 0, 0, 0, 0, 0, 1, 2, 3], [0, 1, 2, 3, 4]);

    /// <summary>STIDE-like: 95 normals at 0, 5 at 0.5; 10 attacks each at 0, 0.5 and 1.</summary>
    public static IReadOnlyList<ScoredTrace> StideLike() =>
        Build(
            Enumerable.Repeat(0.0, 95).Concat(Enumerable.Repeat(0.5, 5)),
            Enumerable.Repeat(0.0, 10).Concat(Enumerable.Repeat(0.5, 10)).Concat(Enumerable.Repeat(1.0, 10)));

    /// <summary>Seeded Gaussian scores: normals N(0,1), attacks N(shift,1).</summary>
    public static IReadOnlyList<ScoredTrace> Gaussian(int normals, int attacks, double shift, int seed)
    {
        var random = new Random(seed);
        double Next() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Build(
            Enumerable.Range(0, normals).Select(_ => Next()).ToArray(),
            Enumerable.Range(0, attacks).Select(_ => shift + Next()).ToArray());
    }
}
