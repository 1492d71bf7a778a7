using SyscallBench.Core.Traces;

namespace SyscallBench.TestSupport.Detection;

/// <summary>
/// A tiny deterministic syscall world: traces are chains of a few normal "routines" with small
/// variations (repeat counts, an optional call), so every detector can learn it from a few dozen traces.
/// Syscalls 300 and above never occur in normal traces.
/// </summary>
public sealed record ToyTraces(IReadOnlyList<Trace> Train, IReadOnlyList<Trace> TestNormal, Trace PlantedAnomaly)
{
    /// <summary>A run of syscalls no normal trace ever makes.</summary>
    public static readonly int[] ForeignCalls = [301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315, 316];

    public static ToyTraces Create()
    {
        var train = Enumerable.Range(0, 60).Select(i => Normal($"train-{i}", new Random(1000 + i))).ToArray();
        var test = Enumerable.Range(0, 30).Select(i => Normal($"test-{i}", new Random(5000 + i))).ToArray();

        // The anomaly is a normal-looking trace with a foreign run planted in the middle.
        var host = Normal("host", new Random(9000)).Calls;
        var middle = host.Length / 2;
        int[] planted = [.. host[..middle], .. ForeignCalls, .. host[middle..]];
        return new ToyTraces(train, test, Trace.Attack("planted", planted, "Planted"));
    }

    private static Trace Normal(string id, Random random)
    {
        var calls = new List<int>();
        var routines = random.Next(8, 14);
        for (var r = 0; r < routines; r++)
        {
            switch (random.Next(4))
            {
                case 0: // open, read x1..3, close
                    calls.Add(5);
                    calls.AddRange(Enumerable.Repeat(3, random.Next(1, 4)));
                    calls.Add(6);
                    break;
                case 1: // stat, open, mmap, close
                    calls.AddRange([195, 5, 192, 6]);
                    break;
                case 2: // brk, optionally gettimeofday, write x1..2
                    calls.Add(45);
                    if (random.Next(2) == 0)
                    {
                        calls.Add(78);
                    }

                    calls.AddRange(Enumerable.Repeat(4, random.Next(1, 3)));
                    break;
                default: // select, recv, send
                    calls.AddRange([142, 3, 4]);
                    break;
            }
        }

        return Trace.Normal(id, [.. calls]);
    }
}
