using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Splits;

public sealed class DuplicateAnalysisTests
{
    /// <summary>
    /// Train: [1 2 3], [4 5]. Test normals: n1 = n2 = n3 = [7 7] (three copies), n4 = [1 2 3] (a training copy),
    /// n5 = [8] and n6 = [9 9 9], with a6 = [9 9 9] an attack (both labels); attacks a1 = a2 = [6 6] (two copies),
    /// a3 = [4 5] (a copy of training), a4 = [5 5 5].
    /// </summary>
    private static (Trace[] Train, Trace[] Test) Example()
    {
        var train = new[] { Trace.Normal("train/a", [1, 2, 3]), Trace.Normal("train/b", [4, 5]) };
        var test = new[]
        {
            Trace.Normal("n2", [7, 7]), Trace.Normal("n1", [7, 7]), Trace.Normal("n3", [7, 7]), Trace.Normal("n4", [1, 2, 3]),
            Trace.Normal("n5", [8]), Trace.Normal("n6", [9, 9, 9]),
            Trace.Attack("a1", [6, 6], "F"), Trace.Attack("a2", [6, 6], "F"), Trace.Attack("a3", [4, 5], "F"), Trace.Attack("a4", [5, 5, 5], "F"),
            Trace.Attack("a6", [9, 9, 9], "F"),
        };
        return (train, test);
    }

    [Fact]
    public void GivenCopiesWithinTestAndOfTraining_WhenAnalysed_ThenEachCountAndGroupIsExact()
    {
        // Given
        var (train, test) = Example();

        // When
        var analysis = DuplicateAnalysis.Of(train, test);

        // Then: one training copy per label; normals hold [7 7], [1 2 3], [8], [9 9 9]; attacks [6 6], [4 5], [5 5 5], [9 9 9]
        Assert.Equal((1, 1), (analysis.TrainCopyNormals, analysis.TrainCopyAttacks));
        Assert.Equal((4, 4), (analysis.DistinctNormalSequences, analysis.DistinctAttackSequences));
        // [9 9 9] is normal and attack in test; [4 5] is an attack identical to a (normal) training trace
        Assert.Equal(2, analysis.SequencesWithBothLabels);
        Assert.Equal(
            ["a1 a2", "a3", "n1 n2 n3", "n4", "n6 a6"],
            analysis.Groups.Select(g => string.Join(' ', g.NormalIds.Concat(g.AttackIds))));
        Assert.Equal([false, true, false, true, false], analysis.Groups.Select(g => g.InTraining));
        var largest = analysis.Largest(1)[0];
        Assert.Equal((3, 2), (largest.Size, largest.Length));
    }

    [Theory]
    [InlineData(TestSetProtocol.All, "")]
    [InlineData(TestSetProtocol.WithoutTrainCopies, "a3 n4")]
    [InlineData(TestSetProtocol.Distinct, "a2 a3 a6 n2 n3 n4 n6")]
    public void GivenATestSetProtocol_WhenSelecting_ThenExactlyItsTracesAreLeftOut(TestSetProtocol protocol, string excluded)
    {
        // Given
        var (train, test) = Example();
        var analysis = DuplicateAnalysis.Of(train, test);
        var scores = test.Select(t => new ScoredTrace(t.Id, t.Label, t.Family, 0.5)).ToArray();

        // When
        var kept = analysis.Select(protocol, scores);

        // Then: distinct keeps n1 (the first of its group), n5, a1 and a4
        Assert.Equal(excluded, string.Join(' ', analysis.Excluded(protocol).Order(StringComparer.Ordinal)));
        Assert.Equal(scores.Where(s => !excluded.Split(' ').Contains(s.TraceId)).Select(s => s.TraceId), kept.Select(s => s.TraceId));
    }

    [Fact]
    public void GivenNoIdenticalTraces_WhenAnalysed_ThenThereAreNoGroupsAndNoClusters()
    {
        // Given
        var train = new[] { Trace.Normal("t", [1]) };
        var test = new[] { Trace.Normal("n", [2]), Trace.Attack("a", [3], "F") };

        // When
        var analysis = DuplicateAnalysis.Of(train, test);

        // Then
        Assert.False(analysis.Any());
        Assert.False(analysis.Clusters().HasDuplicatesAmong(["n", "a"]));
        Assert.Equal((1, 1, 0), (analysis.DistinctNormalSequences, analysis.DistinctAttackSequences, analysis.SequencesWithBothLabels));
    }
}
