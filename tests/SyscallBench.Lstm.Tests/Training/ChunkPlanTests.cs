using SyscallBench.Lstm.Training;

namespace SyscallBench.Lstm.Tests.Training;

public sealed class ChunkPlanTests
{
    [Fact]
    public void GivenTracesOfManyLengths_WhenPlanned_ThenEveryPositionIsVisitedOnceAndEachTraceRunsContiguouslyInOneLane()
    {
        // Given
        int[] lengths = [1, 7, 16, 17, 0, 40, 3, 33];

        // When
        var plan = ChunkPlan.Build(lengths, maxLanes: 3, chunkLength: 8, new Random(5));

        // Then: positions 0..L-1 of each trace appear once, and a lane's pieces tile time without gaps.
        Assert.Equal(3, plan.Lanes);
        Assert.Equal(lengths.Sum(), plan.Positions);
        var seen = lengths.Select(l => new int[l]).ToArray();
        var laneTime = new long[plan.Lanes];
        var lastPiece = new Piece?[plan.Lanes];
        for (var s = 0; s < plan.Steps.Count; s++)
        {
            Assert.True(s == 0 || plan.Steps[s].Length <= plan.Steps[s - 1].Length);
            for (var lane = 0; lane < plan.Steps[s].Length; lane++)
            {
                foreach (var piece in plan.Steps[s][lane])
                {
                    Assert.Equal(laneTime[lane], (s * 8L) + piece.Offset);
                    Assert.InRange(piece.Offset + piece.Length, 1, 8);
                    if (!piece.StartsTrace)
                    {
                        var previous = lastPiece[lane]!.Value;
                        Assert.Equal(piece.Trace, previous.Trace);
                        Assert.Equal(piece.Start, previous.Start + previous.Length);
                    }

                    for (var p = piece.Start; p < piece.Start + piece.Length; p++)
                    {
                        seen[piece.Trace][p]++;
                    }

                    laneTime[lane] += piece.Length;
                    lastPiece[lane] = piece;
                }
            }
        }

        Assert.All(seen, counts => Assert.All(counts, c => Assert.Equal(1, c)));
    }

    [Fact]
    public void GivenTracesOfUnequalLength_WhenPlanned_ThenLanesAreBalanced()
    {
        // Given: 150 calls; LPT over two lanes gives 50+20+10 = 80 and 40+30 = 70.
        int[] lengths = [50, 40, 30, 20, 10];

        // When
        var plan = ChunkPlan.Build(lengths, maxLanes: 2, chunkLength: 10, shuffle: null);

        // Then
        Assert.Equal(8, plan.Steps.Count);
    }

    [Fact]
    public void GivenOneLongTraceAmongShortOnes_WhenPlannedForScoring_ThenFewerLanesKeepTheLongestTraceOffTheCriticalPath()
    {
        // Given: 100 + 10 * 10 calls; a lane per trace would take 10 steps while most lanes idle.
        int[] lengths = [100, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10];

        // When
        var plan = ChunkPlan.Build(lengths, maxLanes: 16, chunkLength: 10, shuffle: null, fitLanesToLongestTrace: true);

        // Then: 200 / 100 = 2 lanes, 10 steps.
        Assert.Equal(2, plan.Lanes);
        Assert.Equal(10, plan.Steps.Count);
    }

    [Fact]
    public void GivenTwoTracesBackToBackInALane_WhenBatched_ThenTheSecondStartsWithTheStartTokenAndAStateReset()
    {
        // Given: trace 0 = [10, 11, 12] and trace 1 = [20, 21] in one lane, chunks of 4, start token 99.
        var plan = ChunkPlan.Build([3, 2], maxLanes: 1, chunkLength: 4, shuffle: null);
        int[][] encoded = [[10, 11, 12], [20, 21]];

        // When
        var first = StepBatch.Build(plan.Steps[0], encoded, startToken: 99);
        var second = StepBatch.Build(plan.Steps[1], encoded, startToken: 99);

        // Then
        Assert.Equal(new long[] { 99, 10, 11, 99 }, first.Inputs);
        Assert.Equal(new long[] { 10, 11, 12, 20 }, first.Targets);
        Assert.Equal(new[] { 0, 3 }, first.Resets.Select(r => r.Offset));
        Assert.All(first.Resets, r => Assert.Equal(new[] { 0f }, r.Keep));
        Assert.Equal(new long[] { 20 }, second.Inputs);
        Assert.Equal(new long[] { 21 }, second.Targets);
        Assert.Empty(second.Resets);
    }

    [Fact]
    public void GivenLanesOfUnequalLength_WhenTheLastStepIsBatched_ThenOnlyTheLaneStillRunningIsInIt()
    {
        // Given: lanes of 5 and 3 calls, chunks of 4: the second step has 1 call in lane 0 and lane 1 has ended.
        var plan = ChunkPlan.Build([3, 5], maxLanes: 2, chunkLength: 4, shuffle: null);
        int[][] encoded = [[6, 7, 8], [1, 2, 3, 4, 5]];

        // When
        var last = StepBatch.Build(plan.Steps[1], encoded, startToken: 9);

        // Then: the longer lane is lane 0, and the step computes no padding for the ended lane.
        Assert.Equal(2, plan.Steps[0].Length);
        Assert.Equal(1, last.Lanes);
        Assert.Equal(1, last.Width);
        Assert.Equal(new long[] { 4 }, last.Inputs);
        Assert.Equal(new long[] { 5 }, last.Targets);
    }
}
