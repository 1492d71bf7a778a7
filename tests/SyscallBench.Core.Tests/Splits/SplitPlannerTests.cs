using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Splits;

public sealed class SplitPlannerTests
{
    private static readonly LabeledDataset Dataset = Distinct();

    /// <summary>40 train + 20 test normals and 6 attacks, every trace's calls different.</summary>
    private static LabeledDataset Distinct()
    {
        var train = Enumerable.Range(0, 40).Select(i => Trace.Normal($"train/{i:D2}", [1, 2, i + 100])).ToArray();
        var test = Enumerable.Range(0, 20).Select(i => Trace.Normal($"test/n{i:D2}", [1, 3, i + 200]))
            .Concat(Enumerable.Range(0, 6).Select(i => Trace.Attack($"test/a{i}", [99, i], "Alpha")))
            .ToArray();
        return new LabeledDataset("distinct", train, test, new DatasetProvenance("inline", "memory", DatasetHash.Compute(train, test), []));
    }

    [Fact]
    public void GivenTheOfficialProtocol_WhenPlanned_ThenTheDatasetsSplitIsKeptAndEachSideHashed()
    {
        // When the official split is planned
        var split = Assert.Single(SplitPlanner.Plan(Dataset, new SplitOptions(), new LearningCurveOptions()));

        // Then it is the dataset's own split, with the dataset's hash and one hash per side
        Assert.Equal("official", split.Name);
        Assert.Same(Dataset.Train, split.Data.Train);
        Assert.Equal(Dataset.Provenance.ContentHash, split.Data.Provenance.ContentHash);
        Assert.Equal(DatasetHash.Compute(Dataset.Train, []), split.Manifest.TrainSha256);
        Assert.Equal(DatasetHash.Compute([], Dataset.Test), split.Manifest.TestSha256);
        Assert.Equal(0, split.Manifest.LeakedTraces);
    }

    [Fact]
    public void GivenResplits_WhenPlanned_ThenTheyAreSeededDisjointAndKeepEveryAttackInTest()
    {
        // Given the resplit protocol with k = 3
        var options = new SplitOptions { Protocol = SplitProtocol.Resplit, K = 3, Seed = 5, TestFraction = 0.25 };

        // When it is planned twice, and once with another seed
        var splits = SplitPlanner.Plan(Dataset, options, new LearningCurveOptions());
        var again = SplitPlanner.Plan(Dataset, options, new LearningCurveOptions());
        var other = SplitPlanner.Plan(Dataset, new SplitOptions { Protocol = SplitProtocol.Resplit, K = 3, Seed = 6, TestFraction = 0.25 }, new LearningCurveOptions());

        // Then there are k splits; each puts 25% of the 60 normals and all 6 attacks in test, disjoint from train
        Assert.Equal(["resplit-1", "resplit-2", "resplit-3"], splits.Select(s => s.Name));
        foreach (var split in splits)
        {
            Assert.Equal(45, split.Data.Train.Count);
            Assert.Equal(15, split.Data.TestNormalCount);
            Assert.Equal(6, split.Data.TestAttackCount);
            Assert.Empty(split.Data.Train.Select(t => t.Id).Intersect(split.Data.Test.Select(t => t.Id)));
            Assert.All(split.Data.Train, t => Assert.False(t.IsAttack));
        }

        // And the same seed gives the same splits, the re-splits differ from each other, another seed differs
        Assert.Equal(splits.Select(s => s.Manifest.TrainSha256), again.Select(s => s.Manifest.TrainSha256));
        Assert.Equal(3, splits.Select(s => s.Manifest.TrainSha256).Distinct().Count());
        Assert.NotEqual(splits[0].Manifest.TrainSha256, other[0].Manifest.TrainSha256);
    }

    [Fact]
    public void GivenALearningCurve_WhenPlanned_ThenItsSubsetsAreNestedAndKeepTheTestSet()
    {
        // Given a learning curve of 5, 10 and 20 training traces
        var curve = new LearningCurveOptions { TrainSizes = [20, 5, 10], Seed = 3 };

        // When it is planned on the official split
        var splits = SplitPlanner.Plan(Dataset, new SplitOptions(), curve);

        // Then each point is a subset of the next larger one, on the unchanged test set
        Assert.Equal(["official", "official-train-5", "official-train-10", "official-train-20"], splits.Select(s => s.Name));
        var ids = splits.Skip(1).Select(s => s.Data.Train.Select(t => t.Id).ToHashSet()).ToArray();
        Assert.Equal([5, 10, 20], ids.Select(s => s.Count));
        Assert.True(ids[0].IsSubsetOf(ids[1]) && ids[1].IsSubsetOf(ids[2]));
        Assert.All(splits.Skip(1), s => Assert.Equal(splits[0].Manifest.TestSha256, s.Manifest.TestSha256));
        Assert.All(splits.Skip(1), s => Assert.Equal("official", s.Manifest.BaseSplit));
    }

    [Fact]
    public void GivenALearningCurvePointOfTheWholeTrainingSet_WhenPlanned_ThenItIsTheBaseSplitNotACopy()
    {
        // When a curve lists the full training size (40) beside a smaller one
        var splits = SplitPlanner.Plan(Dataset, new SplitOptions(), new LearningCurveOptions { TrainSizes = [10, 40] });

        // Then the base split stands for the full-size point: no second unit with the same data and cache keys
        Assert.Equal(["official", "official-train-10"], splits.Select(s => s.Name));
    }

    [Fact]
    public void GivenSplits_WhenPlanned_ThenEachRecordsItsOwnCallCounts()
    {
        // When a re-split and a learning-curve point are planned
        var splits = SplitPlanner.Plan(Dataset,
            new SplitOptions { Protocol = SplitProtocol.Resplit, K = 1, Seed = 5, TestFraction = 0.25 },
            new LearningCurveOptions { TrainSizes = [5] });

        // Then each manifest counts the calls of its own sides (what throughput is computed on)
        Assert.All(splits, s =>
        {
            Assert.Equal(s.Data.Train.Sum(t => (long)t.Length), s.Manifest.TrainCalls);
            Assert.Equal(s.Data.Test.Sum(t => (long)t.Length), s.Manifest.TestCalls);
        });
        Assert.Equal(15, splits[1].Manifest.TrainCalls); // 5 traces of 3 calls
    }

    [Fact]
    public void GivenALearningCurvePointLargerThanTheTrainingSet_WhenPlanned_ThenItIsAnError()
    {
        var error = Assert.Throws<DatasetException>(() =>
            SplitPlanner.Plan(Dataset, new SplitOptions(), new LearningCurveOptions { TrainSizes = [41] }));
        Assert.Contains("41 training traces", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTestTracesIdenticalToATrainingTrace_WhenPlanned_ThenTheLeakageCheckReportsThemAndCanRefuseThem()
    {
        // Given a dataset where one test normal and one attack repeat training traces under other ids
        var train = new[] { Trace.Normal("train/a", [1, 2, 3]), Trace.Normal("train/b", [4, 5]) };
        var test = new[] { Trace.Normal("test/x", [1, 2, 3]), Trace.Normal("test/y", [1, 2]), Trace.Attack("test/z", [4, 5], "Alpha") };
        var dataset = new LabeledDataset("leaky", train, test, new DatasetProvenance("inline", "memory", DatasetHash.Compute(train, test), []));

        // When the split is planned with the default (warn) policy
        var manifest = Assert.Single(SplitPlanner.Plan(dataset, new SplitOptions(), new LearningCurveOptions())).Manifest;

        // Then the two identical pairs are counted and listed, and the error policy refuses to run
        Assert.Equal((2, 1), (manifest.LeakedTraces, manifest.LeakedAttackTraces));
        Assert.Equal([new LeakedTrace("test/x", "normal", "train/a"), new LeakedTrace("test/z", "attack", "train/b")], manifest.LeakedExamples);
        var error = Assert.Throws<DatasetException>(() =>
            SplitPlanner.Plan(dataset, new SplitOptions { Leakage = LeakagePolicy.Error }, new LearningCurveOptions()));
        Assert.Contains("2 test trace(s) identical to a training trace", error.Message, StringComparison.Ordinal);
    }
}
