using SyscallBench.Core.Traces;

namespace SyscallBench.Reports.Dataset;

/// <summary>How often one syscall occurs, as a share of all calls in each split.</summary>
/// <param name="Syscall">The raw syscall number.</param>
/// <param name="TotalCount">Occurrences over train and test together (the ranking key).</param>
/// <param name="TrainShare">Occurrences in training / calls in training.</param>
/// <param name="TestNormalShare">Occurrences in normal test traces / calls in normal test traces.</param>
/// <param name="TestAttackShare">Occurrences in attack test traces / calls in attack test traces.</param>
public sealed record SyscallFrequency(int Syscall, long TotalCount, double TrainShare, double TestNormalShare, double TestAttackShare)
{
    /// <summary>The <paramref name="top"/> most frequent syscalls; ties broken by ascending number for a stable order.</summary>
    internal static IReadOnlyList<SyscallFrequency> Top(IReadOnlyList<Trace> train, IReadOnlyList<Trace> testNormal, IReadOnlyList<Trace> testAttack, int top)
    {
        var (trainCounts, trainTotal) = Count(train);
        var (normalCounts, normalTotal) = Count(testNormal);
        var (attackCounts, attackTotal) = Count(testAttack);
        return trainCounts.Keys.Union(normalCounts.Keys).Union(attackCounts.Keys)
            .Select(s => new SyscallFrequency(
                s,
                trainCounts.GetValueOrDefault(s) + normalCounts.GetValueOrDefault(s) + attackCounts.GetValueOrDefault(s),
                Share(trainCounts.GetValueOrDefault(s), trainTotal),
                Share(normalCounts.GetValueOrDefault(s), normalTotal),
                Share(attackCounts.GetValueOrDefault(s), attackTotal)))
            .OrderByDescending(f => f.TotalCount)
            .ThenBy(f => f.Syscall)
            .Take(top)
            .ToArray();
    }

    private static double Share(long count, long total) => total == 0 ? 0 : (double)count / total;

    private static (Dictionary<int, long> Counts, long Total) Count(IReadOnlyList<Trace> traces)
    {
        var counts = new Dictionary<int, long>();
        long total = 0;
        foreach (var trace in traces)
        {
            foreach (var call in trace.Calls)
            {
                counts[call] = counts.GetValueOrDefault(call) + 1;
            }

            total += trace.Length;
        }

        return (counts, total);
    }
}
