using SyscallBench.Core.Traces;

namespace SyscallBench.MLNet.Tests;

/// <summary>Small deterministic trace sets: a "program" that loops over a few call patterns, and anomalies.</summary>
public static class SyntheticTraces
{
    private static readonly int[][] Patterns =
    [
        [3, 4, 5, 6],
        [3, 4, 7],
        [10, 11, 3, 4, 5],
    ];

    public static IReadOnlyList<Trace> Normals(int count, int seed)
    {
        var random = new Random(seed);
        var traces = new List<Trace>(count);
        for (var t = 0; t < count; t++)
        {
            var calls = new List<int> { 1, 2 };
            var loops = random.Next(3, 12);
            for (var l = 0; l < loops; l++)
            {
                calls.AddRange(Patterns[random.Next(Patterns.Length)]);
            }

            calls.Add(9);
            traces.Add(Trace.Normal($"normal-{seed}-{t}", calls.ToArray()));
        }

        return traces;
    }

    /// <summary>Known syscalls in an order training never shows.</summary>
    public static Trace ReversedAttack() =>
        Trace.Attack("attack-reversed", [9, 6, 5, 4, 3, 7, 4, 3, 5, 4, 3, 11, 10, 2, 1, 6, 5, 4, 3], "Synthetic");

    /// <summary>Mostly syscalls never seen in training.</summary>
    public static Trace UnseenAttack() =>
        Trace.Attack("attack-unseen", [1, 2, 200, 201, 202, 200, 201, 3, 4, 5, 6], "Synthetic");
}
