using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.Selection;

/// <summary>
/// Anomalies made from normal traces, for judging detector variants without any attack: for each trace, a
/// foreign segment inserted into it and a segment of it shuffled (see <see cref="SelectOptions"/>).
/// </summary>
/// <remarks>
/// Foreign segments follow Forrest et al. 1996's notion of foreign sequences (calls in an order normal runs never
/// show); shuffled segments keep the trace's own calls and change only their order, the harder case for
/// frequency-based detectors. Both are seeded, so the same inputs give the same anomalies.
/// </remarks>
public static class SyntheticAnomalies
{
    /// <param name="normals">The held-out normal traces; each gives one foreign and one shuffled anomaly, in that order.</param>
    /// <param name="alphabet">The syscalls foreign segments draw from (the fitting part's calls), sorted and distinct.</param>
    /// <param name="segmentLength">Calls per segment.</param>
    /// <param name="seed">Seed of the positions and draws.</param>
    public static IReadOnlyList<Trace> Make(IReadOnlyList<Trace> normals, IReadOnlyList<int> alphabet, int segmentLength, int seed)
    {
        if (alphabet.Count == 0)
        {
            throw new ArgumentException("The alphabet is empty: the fitting traces hold no call.", nameof(alphabet));
        }

        var random = new Random(seed);
        var anomalies = new List<Trace>(2 * normals.Count);
        foreach (var normal in normals)
        {
            anomalies.Add(Trace.Attack(normal.Id + "+foreign", WithForeignSegment(normal.Calls, alphabet, segmentLength, random), "synthetic-foreign", "synthetic"));
            anomalies.Add(Trace.Attack(normal.Id + "+shuffled", WithShuffledSegment(normal.Calls, segmentLength, random), "synthetic-shuffled", "synthetic"));
        }

        return anomalies;
    }

    /// <summary>The trace with segmentLength calls, each drawn uniformly from the alphabet, inserted before a random position (0 to its length).</summary>
    internal static int[] WithForeignSegment(int[] calls, IReadOnlyList<int> alphabet, int segmentLength, Random random)
    {
        var at = random.Next(calls.Length + 1);
        var result = new int[calls.Length + segmentLength];
        calls.AsSpan(0, at).CopyTo(result);
        for (var i = 0; i < segmentLength; i++)
        {
            result[at + i] = alphabet[random.Next(alphabet.Count)];
        }

        calls.AsSpan(at).CopyTo(result.AsSpan(at + segmentLength));
        return result;
    }

    /// <summary>The trace with segmentLength consecutive calls from a random start shuffled (Fisher-Yates); the whole trace when shorter.</summary>
    internal static int[] WithShuffledSegment(int[] calls, int segmentLength, Random random)
    {
        var result = (int[])calls.Clone();
        var length = Math.Min(segmentLength, result.Length);
        var start = random.Next(result.Length - length + 1);
        random.Shuffle(result.AsSpan(start, length));
        return result;
    }
}
