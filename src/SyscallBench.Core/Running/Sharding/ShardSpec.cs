using System.Globalization;

namespace SyscallBench.Core.Running.Sharding;

/// <summary>
/// `--shard i/N`: the i-th of N disjoint slices of a run's units, i counted from 1 (1..N), as Slurm array
/// indices usually are; a Kubernetes Indexed Job adds 1 to its 0-based JOB_COMPLETION_INDEX.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>"shard-2-of-4": the suffix of a shard's run folder.</summary>
    public string Name => $"shard-{Index.ToString(CultureInfo.InvariantCulture)}-of-{Count.ToString(CultureInfo.InvariantCulture)}";

    public override string ToString() => $"{Index.ToString(CultureInfo.InvariantCulture)}/{Count.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses "i/N" with 1 &lt;= i &lt;= N; a message says what is wrong otherwise.</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return new ShardSpec(index, count);
        }

        throw new SyscallBenchException($"--shard '{text}': expected i/N with 1 <= i <= N (shards are counted from 1), e.g. --shard 1/4.");
    }
}
