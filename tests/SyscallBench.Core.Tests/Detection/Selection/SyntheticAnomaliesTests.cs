using SyscallBench.Core.Detection.Selection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Detection.Selection;

public sealed class SyntheticAnomaliesTests
{
    [Fact]
    public void GivenNormals_WhenAnomaliesAreMade_ThenEachGivesAForeignInsertionAndAShuffledSegment()
    {
        // Given two normal traces and an alphabet disjoint from their calls
        var normals = new[] { Trace.Normal("a", Enumerable.Range(0, 40).ToArray()), Trace.Normal("b", [5, 6, 7]) };

        // When anomalies of segment length 10 are made
        var anomalies = SyntheticAnomalies.Make(normals, [100, 101], 10, seed: 3);

        // Then each normal gives a foreign one (its calls in order with 10 alphabet calls inserted as one block)
        // and a shuffled one (the same calls, permuted within one window of 10; the whole trace when shorter)
        Assert.Equal(["a+foreign", "a+shuffled", "b+foreign", "b+shuffled"], anomalies.Select(t => t.Id));
        Assert.All(anomalies, t => Assert.True(t.IsAttack));
        var foreign = anomalies[0].Calls;
        Assert.Equal(50, foreign.Length);
        Assert.Equal(normals[0].Calls, foreign.Where(c => c < 100));
        var first = Array.FindIndex(foreign, c => c >= 100);
        Assert.All(foreign.Skip(first).Take(10), c => Assert.InRange(c, 100, 101));
        var shuffled = anomalies[1].Calls;
        Assert.Equal(normals[0].Calls, shuffled.Order());
        var changed = Enumerable.Range(0, 40).Where(i => shuffled[i] != i).ToArray();
        Assert.True(changed.Length == 0 || changed[^1] - changed[0] < 10, string.Join(" ", changed));
        Assert.Equal([5, 6, 7], anomalies[3].Calls.Order());
    }

    [Fact]
    public void GivenTheSameSeed_WhenMadeTwice_ThenTheAnomaliesAreIdentical()
    {
        var normals = new[] { Trace.Normal("a", Enumerable.Range(0, 100).ToArray()) };

        var first = SyntheticAnomalies.Make(normals, [1, 2, 3], 10, seed: 9);
        var second = SyntheticAnomalies.Make(normals, [1, 2, 3], 10, seed: 9);

        Assert.Equal(first.Select(t => t.Calls), second.Select(t => t.Calls));
    }

    [Fact]
    public void GivenTrainingNormals_WhenSplitForHoldOut_ThenTheFractionIsHeldOutInOrderAndEveryTraceIsUsedOnce()
    {
        var normals = Enumerable.Range(0, 10).Select(i => Trace.Normal($"n{i}", [i])).ToArray();

        var split = HeldOutSplit.Of(normals, 0.25, seed: 5, "d");

        Assert.Equal(3, split.HeldOut.Count); // round(2.5) away from zero
        Assert.Equal(normals.Select(t => t.Id).Order(), split.Fitting.Concat(split.HeldOut).Select(t => t.Id).Order());
        Assert.Equal(split.HeldOut.Select(t => t.Id).OrderBy(id => int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)), split.HeldOut.Select(t => t.Id));
        Assert.Equal(split.HeldOut.Select(t => t.Id), HeldOutSplit.Of(normals, 0.25, seed: 5, "d").HeldOut.Select(t => t.Id));
    }
}
