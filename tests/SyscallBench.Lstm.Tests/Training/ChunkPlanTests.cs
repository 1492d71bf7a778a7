using SyscallBench.Lstm.Training;

namespace SyscallBench.Lstm.Tests.Training;

public sealed class ChunkPlanTests
{
    [Fact]
    public void GivenTracesOfManyLengths_WhenPlanned_ThenEveryPositionIsVisitedExactlyOnceAndInOrderWithinItsLane()
    {
        // Given
        int[] lengths = [1, 7, 16, 17, 0, 40, 3, 33];

        // When
        var plan = ChunkPlan.Build(lengths, maxLanes: 3, chunkLength: 8, new Random(5));

        // Then: each trace's positions 0..L-1 appear once, in consecutive steps of one lane.
        Assert.Equal(3, plan.Lanes);
        Assert.Equal(lengths.Sum(), plan.Positions);
        var seen = lengths.Select(l => new int[l]).ToArray();
        var previous = new Segment?[plan.Lanes];
        foreach (var step in plan.Steps)
        {
            Assert.Equal(plan.Lanes, step.Length);
            for (var lane = 0; lane < plan.Lanes; lane++)
            {
                if (step[lane] is not { } segment)
                {
                    continue;
                }

                Assert.InRange(segment.Length, 1, 8);
                if (!segment.StartsTrace)
                {
                    Assert.Equal(new Segment(segment.Trace, segment.Start - 8, 8), previous[lane]);
                }

                for (var p = segment.Start; p < segment.Start + segment.Length; p++)
                {
                    seen[segment.Trace][p]++;
                }

                previous[lane] = segment;
            }
        }

        Assert.All(seen, counts => Assert.All(counts, c => Assert.Equal(1, c)));
    }

    [Fact]
    public void GivenTracesOfUnequalLength_WhenPlanned_ThenLanesAreBalancedToTheLongestTrace()
    {
        // Given: chunk counts 5, 4, 3, 2, 1 over two lanes: LPT gives loads 5+2+1 = 8 and 4+3 = 7... or better.
        int[] lengths = [50, 40, 30, 20, 10];

        // When
        var plan = ChunkPlan.Build(lengths, maxLanes: 2, chunkLength: 10, shuffle: null);

        // Then: 15 chunks over 2 lanes need at least 8 steps; LPT achieves it.
        Assert.Equal(8, plan.Steps.Count);
    }

    [Fact]
    public void GivenAStep_WhenBatched_ThenInputsAreShiftedByTheStartTokenAndPaddingIsIgnored()
    {
        // Given: trace 0 = [10, 11, 12], one lane, chunks of 2, start token 99.
        var plan = ChunkPlan.Build([3], maxLanes: 4, chunkLength: 2, shuffle: null);
        int[][] encoded = [[10, 11, 12]];

        // When
        var first = StepBatch.Build(plan.Steps[0], encoded, startToken: 99);
        var second = StepBatch.Build(plan.Steps[1], encoded, startToken: 99);

        // Then
        Assert.Equal(new long[] { 99, 10 }, first.Inputs);
        Assert.Equal(new long[] { 10, 11 }, first.Targets);
        Assert.Equal(new[] { 0f }, first.KeepState);
        Assert.Equal(new long[] { 11 }, second.Inputs);
        Assert.Equal(new long[] { 12 }, second.Targets);
        Assert.Equal(new[] { 1f }, second.KeepState);
    }
}
