using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Reports.Dataset;

/// <summary>The lengths (calls per trace) of one group of traces, kept whole for a box plot.</summary>
/// <param name="Group">"train", "test normal" or "test attack: FAMILY".</param>
/// <param name="Lengths">Every trace's length, in dataset order.</param>
public sealed record TraceLengthGroup(string Group, IReadOnlyList<int> Lengths)
{
    public const string Train = "train";

    public const string TestNormal = "test normal";

    public const string AttackPrefix = "test attack: ";

    public int Count => Lengths.Count;

    public long TotalCalls => Lengths.Sum(l => (long)l);

    public int Min => Lengths.Count == 0 ? 0 : Lengths.Min();

    public int Max => Lengths.Count == 0 ? 0 : Lengths.Max();

    public double Mean => Lengths.Count == 0 ? 0 : (double)TotalCalls / Lengths.Count;

    /// <summary>The middle value (mean of the two middle values for an even count); 0 for an empty group.</summary>
    public double Median
    {
        get
        {
            if (Lengths.Count == 0)
            {
                return 0;
            }

            var sorted = Lengths.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        }
    }

    internal static IReadOnlyList<TraceLengthGroup> Of(IReadOnlyList<Trace> train, IReadOnlyList<Trace> testNormal, IReadOnlyList<Trace> testAttack)
    {
        var groups = new List<TraceLengthGroup>
        {
            new(Train, train.Select(t => t.Length).ToArray()),
            new(TestNormal, testNormal.Select(t => t.Length).ToArray()),
        };
        // Same family naming as the evaluation's per-family table, so the two line up.
        groups.AddRange(testAttack
            .GroupBy(t => string.IsNullOrEmpty(t.Family) ? FamilyBreakdown.NoFamily : t.Family, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TraceLengthGroup(AttackPrefix + g.Key, g.Select(t => t.Length).ToArray())));
        return groups;
    }
}
