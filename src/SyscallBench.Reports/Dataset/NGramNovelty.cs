using SyscallBench.Core.Traces;

namespace SyscallBench.Reports.Dataset;

/// <summary>
/// For one n: the share of sliding n-call windows in normal and in attack test traces whose n-gram never
/// occurs in any training trace. This is what a STIDE-like detector sees as "new": if attack windows are
/// not more novel than normal ones at some n, no n-gram lookup can separate them at that n.
/// </summary>
/// <param name="N">Window length.</param>
/// <param name="NormalWindows">Windows in normal test traces (a trace of length L has L-n+1, or none if shorter).</param>
/// <param name="NormalUnseenShare">Share of those windows whose n-gram is absent from training; 0 when there are none.</param>
/// <param name="AttackWindows">Windows in attack test traces.</param>
/// <param name="AttackUnseenShare">Share of those windows whose n-gram is absent from training; 0 when there are none.</param>
public sealed record NGramNovelty(int N, long NormalWindows, double NormalUnseenShare, long AttackWindows, double AttackUnseenShare)
{
    internal static IReadOnlyList<NGramNovelty> Compute(IReadOnlyList<Trace> train, IReadOnlyList<Trace> testNormal, IReadOnlyList<Trace> testAttack, int maxN)
    {
        var codec = NGramCodec.For(train.Concat(testNormal).Concat(testAttack), maxN);
        var rows = new NGramNovelty[maxN];
        for (var n = 1; n <= maxN; n++)
        {
            var seen = new HashSet<UInt128>();
            foreach (var trace in train)
            {
                foreach (var key in codec.Windows(trace.Calls, n))
                {
                    seen.Add(key);
                }
            }

            var (normalWindows, normalUnseen) = CountUnseen(testNormal, n, seen, codec);
            var (attackWindows, attackUnseen) = CountUnseen(testAttack, n, seen, codec);
            rows[n - 1] = new NGramNovelty(n,
                normalWindows, normalWindows == 0 ? 0 : (double)normalUnseen / normalWindows,
                attackWindows, attackWindows == 0 ? 0 : (double)attackUnseen / attackWindows);
        }

        return rows;
    }

    private static (long Windows, long Unseen) CountUnseen(IReadOnlyList<Trace> traces, int n, HashSet<UInt128> seen, NGramCodec codec)
    {
        long windows = 0, unseen = 0;
        foreach (var trace in traces)
        {
            foreach (var key in codec.Windows(trace.Calls, n))
            {
                windows++;
                if (!seen.Contains(key))
                {
                    unseen++;
                }
            }
        }

        return (windows, unseen);
    }

    /// <summary>
    /// Packs an n-gram into one 128-bit key: each call becomes a dense index (1-based, so no n-gram is a
    /// prefix-collision of another) of <c>bits</c> bits. With at most 2^21-1 distinct syscalls and n &lt;= 6
    /// the key is exact, never a hash, so "unseen" is never a collision artefact.
    /// </summary>
    private sealed class NGramCodec(Dictionary<int, int> indexOf, int bits)
    {
        public static NGramCodec For(IEnumerable<Trace> traces, int maxN)
        {
            var indexOf = new Dictionary<int, int>();
            foreach (var trace in traces)
            {
                foreach (var call in trace.Calls)
                {
                    if (!indexOf.ContainsKey(call))
                    {
                        indexOf[call] = indexOf.Count + 1;
                    }
                }
            }

            var bits = Math.Max(1, 64 - (int)ulong.LeadingZeroCount((ulong)indexOf.Count));
            if (bits * maxN > 128)
            {
                throw new InvalidOperationException($"{indexOf.Count} distinct syscalls are too many to pack {maxN}-grams into 128 bits.");
            }

            return new NGramCodec(indexOf, bits);
        }

        public IEnumerable<UInt128> Windows(int[] calls, int n)
        {
            for (var start = 0; start + n <= calls.Length; start++)
            {
                UInt128 key = 0;
                for (var i = start; i < start + n; i++)
                {
                    key = (key << bits) | (uint)indexOf[calls[i]];
                }

                yield return key;
            }
        }
    }
}
