using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Splits;

/// <summary>
/// Test traces with one call sequence: every sequence that occurs more than once in the test set, or also in
/// the training set. Ids are sorted ordinally.
/// </summary>
/// <param name="Length">The sequence's number of calls.</param>
/// <param name="InTraining">A training trace has this sequence too.</param>
/// <param name="NormalIds">The normal test traces with this sequence.</param>
/// <param name="AttackIds">The attack test traces with this sequence.</param>
public sealed record DuplicateGroup(int Length, bool InTraining, IReadOnlyList<string> NormalIds, IReadOnlyList<string> AttackIds)
{
    public int Size => NormalIds.Count + AttackIds.Count;

    /// <summary>The sequence is labelled both ways: normal and attack in the test set, or an attack identical to a training (normal) trace.</summary>
    public bool HasBothLabels => AttackIds.Count > 0 && (NormalIds.Count > 0 || InTraining);
}

/// <summary>
/// Identical call sequences in a split: test traces identical to a training trace (by label), distinct test
/// sequences per label, the groups of identical test traces, and sequences that occur with both labels.
/// Computed for every split and written to its manifest; it defines the <see cref="TestSetProtocol"/> test sets
/// and the clusters of the cluster bootstrap.
/// </summary>
/// <remarks>
/// Why: ADFA-LD's 4,372 test normals hold about 2,420 distinct sequences, 422 of them are copies of training
/// traces, and one 343-call trace appears 968 times. Scores of copies are not independent evidence, and a copy
/// of a training trace is scored on data the detector was fitted on.
/// </remarks>
/// <param name="TrainCopyNormals">Normal test traces identical to a training trace.</param>
/// <param name="TrainCopyAttacks">Attack test traces identical to a training trace.</param>
/// <param name="DistinctNormalSequences">Distinct call sequences among the normal test traces.</param>
/// <param name="DistinctAttackSequences">Distinct call sequences among the attack test traces.</param>
/// <param name="SequencesWithBothLabels">Sequences labelled both ways (<see cref="DuplicateGroup.HasBothLabels"/>).</param>
/// <param name="Groups">Every <see cref="DuplicateGroup"/>, ordered by their first id (normal ids first).</param>
public sealed record DuplicateAnalysis(
    int TrainCopyNormals,
    int TrainCopyAttacks,
    int DistinctNormalSequences,
    int DistinctAttackSequences,
    int SequencesWithBothLabels,
    IReadOnlyList<DuplicateGroup> Groups)
{
    /// <summary>How many of the largest groups the manifest and the console show.</summary>
    public const int LargestGroupsShown = 5;

    public static DuplicateAnalysis Of(IReadOnlyList<Trace> train, IReadOnlyList<Trace> test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var inTraining = new HashSet<int[]>(train.Select(t => t.Calls), CallsComparer.Instance);
        var bySequence = test.GroupBy(t => t.Calls, CallsComparer.Instance).ToArray();
        var groups = bySequence
            .Where(g => g.Count() > 1 || inTraining.Contains(g.Key))
            .Select(g => new DuplicateGroup(g.Key.Length, inTraining.Contains(g.Key),
                g.Where(t => !t.IsAttack).Select(t => t.Id).Order(StringComparer.Ordinal).ToArray(),
                g.Where(t => t.IsAttack).Select(t => t.Id).Order(StringComparer.Ordinal).ToArray()))
            .OrderBy(g => g.NormalIds.Concat(g.AttackIds).First(), StringComparer.Ordinal)
            .ToArray();
        return new DuplicateAnalysis(
            groups.Where(g => g.InTraining).Sum(g => g.NormalIds.Count),
            groups.Where(g => g.InTraining).Sum(g => g.AttackIds.Count),
            bySequence.Count(g => g.Any(t => !t.IsAttack)),
            bySequence.Count(g => g.Any(t => t.IsAttack)),
            groups.Count(g => g.HasBothLabels),
            groups);
    }

    /// <summary>True when some test traces are identical to each other or to a training trace.</summary>
    public bool Any() => Groups.Count > 0;

    /// <summary>The largest groups, largest first (ties by first id).</summary>
    public IReadOnlyList<DuplicateGroup> Largest(int count = LargestGroupsShown) =>
        Groups.OrderByDescending(g => g.Size).Take(count).ToArray();

    /// <summary>The clusters of the cluster bootstrap: the identical traces of each group, per label.</summary>
    public TraceClusters Clusters() =>
        new(Groups.SelectMany(g => new[] { g.NormalIds, g.AttackIds }).Where(ids => ids.Count > 1));

    /// <summary>The ids of the test traces <paramref name="protocol"/> leaves out.</summary>
    public IReadOnlySet<string> Excluded(TestSetProtocol protocol)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        if (protocol == TestSetProtocol.All)
        {
            return excluded;
        }

        foreach (var group in Groups)
        {
            if (group.InTraining || (protocol == TestSetProtocol.Distinct && group.HasBothLabels))
            {
                excluded.UnionWith(group.NormalIds);
                excluded.UnionWith(group.AttackIds);
            }
            else if (protocol == TestSetProtocol.Distinct)
            {
                // One copy per label: the first id (ordinal), so the choice is stable across machines and loaders.
                excluded.UnionWith(group.NormalIds.Skip(1));
                excluded.UnionWith(group.AttackIds.Skip(1));
            }
        }

        return excluded;
    }

    /// <summary>The scores of the test traces <paramref name="protocol"/> keeps, in their given order.</summary>
    public IReadOnlyList<ScoredTrace> Select(TestSetProtocol protocol, IReadOnlyList<ScoredTrace> scores)
    {
        if (protocol == TestSetProtocol.All)
        {
            return scores;
        }

        var excluded = Excluded(protocol);
        return scores.Where(s => !excluded.Contains(s.TraceId)).ToArray();
    }
}
