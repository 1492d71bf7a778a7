using SyscallBench.Core.Config;
using SyscallBench.Core.Running;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Core.Splits;

namespace SyscallBench.Core.Tests.Running;

public sealed class WorkPlanTests
{
    private static ExperimentConfig Config(string detectors, string seeds = "[1, 2, 3]") =>
        new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read($"""
            name: plan-test
            dataset: {"{type: inline}"}
            detectors: {detectors}
            seeds: {seeds}
            split: {"{protocol: resplit, k: 2}"}
            """, "exp.yaml");

    private static WorkPlan Plan(ExperimentConfig config) =>
        WorkPlan.Build(config, SplitPlanner.Plan(TestComponents.Inline(20), config.Split, config.LearningCurve));

    [Fact]
    public void GivenSplitsSeedsAndDetectors_WhenPlanned_ThenThereIsAUnitForEachButADeterministicDetectorRunsOncePerSplit()
    {
        // Given a seed-dependent and a deterministic detector, 3 seeds, 2 re-splits
        var plan = Plan(Config("[{name: s, type: seeded}, {name: f, type: fixed}]"));

        // Then the seeded detector has a unit per split and seed, the deterministic one a unit per split
        Assert.Equal(
        [
            "resplit-1/s/seed-1", "resplit-1/f/any-seed", "resplit-1/s/seed-2", "resplit-1/s/seed-3",
            "resplit-2/s/seed-1", "resplit-2/f/any-seed", "resplit-2/s/seed-2", "resplit-2/s/seed-3",
        ], plan.Units.Select(u => u.Key));
    }

    [Fact]
    public void GivenAnEnsemble_WhenPlanned_ThenItDependsOnItsMembersOfTheSameSplitAndSeed()
    {
        // Given an ensemble of a seeded and a deterministic member
        var plan = Plan(Config("[{name: s, type: seeded}, {name: f, type: fixed}, {name: e, type: ensemble, params: {members: [s, f]}}]"));

        // Then its unit at seed 2 needs the seeded member at seed 2 and the deterministic one's single unit
        var ensemble = plan.Units.Single(u => u.Key == "resplit-2/e/seed-2");
        Assert.Equal(["resplit-2/s/seed-2", "resplit-2/f/any-seed"], plan.DependenciesOf(ensemble).Select(u => u.Key));
    }

    [Fact]
    public void GivenAnEnsembleOfDeterministicMembers_WhenPlanned_ThenItIsDeterministicToo()
    {
        var plan = Plan(Config("[{name: f, type: fixed}, {name: g, type: fixed}, {name: e, type: ensemble, params: {members: [f, g]}}]"));
        Assert.Equal(6, plan.Units.Count);
        Assert.All(plan.Units, u => Assert.False(u.SeedDependent));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void ShardsAreDisjointCoverThePlanAndKeepEnsemblesWithTheirMembers(int count)
    {
        // Given a plan with ensembles
        var plan = Plan(Config("[{name: s, type: seeded}, {name: f, type: fixed}, {name: c, type: counting}, {name: e, type: ensemble, params: {members: [s, c]}}]"));

        // When it is cut into shards
        var shards = Enumerable.Range(1, count).Select(i => plan.Shard(new ShardSpec(i, count))).ToArray();

        // Then every unit is in exactly one shard, in canonical order, with its dependencies beside it
        var all = shards.SelectMany(s => s.Units.Select(u => u.Key)).ToArray();
        Assert.Equal(plan.Units.Select(u => u.Key).Order(), all.Order());
        foreach (var shard in shards)
        {
            var keys = shard.Units.Select(u => u.Key).ToHashSet();
            Assert.All(shard.Units, u => Assert.All(shard.DependenciesOf(u), d => Assert.Contains(d.Key, keys)));
            Assert.Equal(plan.Units.Select(u => u.Key).Where(keys.Contains), shard.Units.Select(u => u.Key));
        }
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void AShardOutsideOneToNIsRejectedWithTheExpectedForm(string text)
    {
        var error = Assert.Throws<SyscallBenchException>(() => ShardSpec.Parse(text));
        Assert.Contains("expected i/N with 1 <= i <= N", error.Message, StringComparison.Ordinal);
    }
}
