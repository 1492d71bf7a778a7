using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;
using Xunit.Abstractions;

namespace SyscallBench.Core.Tests.Datasets;

public sealed class SyntheticDatasetTests(ITestOutputHelper output)
{
    private static readonly SyntheticOptions Small = new()
    {
        Seed = 7, Programs = 2, TrainTraces = 20, TestNormalTraces = 10, AttackTracesPerFamily = 5, MinTraceLength = 40, MeanTraceLength = 80,
    };

    private static readonly string[] AllFamilies = ["foreign_subsequence", "mimicry", "rare_run", "unusual_mix"];

    [Fact]
    public void GivenTheSameSeed_WhenGeneratedTwice_ThenTracesAreIdentical()
    {
        // When
        var first = SyntheticDataset.Generate(Small);
        var second = SyntheticDataset.Generate(Small);

        // Then
        Assert.Equal(first.Provenance.ContentHash, second.Provenance.ContentHash);
        Assert.Equal(first.Train.Concat(first.Test).Select(t => (t.Id, t.Label, t.Family, t.Source)),
            second.Train.Concat(second.Test).Select(t => (t.Id, t.Label, t.Family, t.Source)));
        Assert.All(first.Train.Concat(first.Test).Zip(second.Train.Concat(second.Test)), pair => Assert.Equal(pair.First.Calls, pair.Second.Calls));
    }

    [Fact]
    public void GivenSeed42AndDefaultOptions_WhenGenerated_ThenTheOutputIsExactlyThePinnedOne()
    {
        // Pinned output: a change here changes every synthetic result, so it must be deliberate
        // (update the values and say so in the commit message).
        // When
        var dataset = SyntheticDataset.Generate(new SyntheticOptions());
        output.WriteLine($"content hash: {dataset.Provenance.ContentHash}");

        // Then
        Assert.Equal(PinnedDefaultHash, dataset.Provenance.ContentHash);
        Assert.Equal(PinnedFirstTrainCalls, dataset.Train[0].Calls.Take(PinnedFirstTrainCalls.Length));
    }

    private const string PinnedDefaultHash = "355b2fac4c3003a145cf9aa86de7711f415977e02b224f9d565e1410c5ddd666";

    /// <summary>Loader start-up, three library loads, start-up tail, then the first routines.</summary>
    private static readonly int[] PinnedFirstTrainCalls =
    [
        11, 45, 33, 192, 33, 5, 197, 192, 6,
        5, 3, 197, 192, 192, 125, 6,
        5, 3, 197, 192, 192, 125, 6,
        5, 3, 197, 192, 192, 125, 6,
        243, 125, 91, 45,
        102, 197, 91, 45, 196, 142,
    ];

    [Fact]
    public void GivenDifferentSeeds_WhenGenerated_ThenTheTracesDiffer()
    {
        // When
        var a = SyntheticDataset.Generate(Small);
        var b = SyntheticDataset.Generate(new SyntheticOptions
        {
            Seed = 8, Programs = 2, TrainTraces = 20, TestNormalTraces = 10, AttackTracesPerFamily = 5, MinTraceLength = 40, MeanTraceLength = 80,
        });

        // Then
        Assert.NotEqual(a.Provenance.ContentHash, b.Provenance.ContentHash);
    }

    [Fact]
    public void GivenOptions_WhenGenerated_ThenCountsLabelsFamiliesAndIdsAreAsAsked()
    {
        // When
        var dataset = SyntheticDataset.Generate(Small);

        // Then
        Assert.Equal(20, dataset.Train.Count);
        Assert.All(dataset.Train, t => Assert.Equal(TraceLabel.Normal, t.Label));
        Assert.Equal(10, dataset.TestNormalCount);
        Assert.Equal(20, dataset.TestAttackCount);
        Assert.Equal(AllFamilies, dataset.Test.Where(t => t.IsAttack).GroupBy(t => t.Family!).Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.All(dataset.Test.Where(t => t.IsAttack).GroupBy(t => t.Family), g => Assert.Equal(5, g.Count()));
        Assert.Equal("train/000001", dataset.Train[0].Id);
        Assert.Equal("test/attack/foreign_subsequence/000001", dataset.Test[0].Id);
        Assert.Equal(dataset.Test.Select(t => t.Id).Order(StringComparer.Ordinal), dataset.Test.Select(t => t.Id));
        Assert.All(dataset.Train.Concat(dataset.Test), t => Assert.True(t.Length >= 20, $"{t.Id} has {t.Length} calls"));
        Assert.Equal("generated", dataset.Provenance.Location);
        Assert.Equal(DatasetHash.Compute(dataset.Train, dataset.Test), dataset.Provenance.ContentHash);
        Assert.Contains(dataset.Provenance.Notes, n => n.StartsWith("train: 20 traces, ", StringComparison.Ordinal));
        Assert.Contains(dataset.Provenance.Notes, n => n.StartsWith("family mimicry: 5 traces, ", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenForeignSubsequenceAttacks_WhenCompared_ThenOnlyTheyContainForeignCallsAndNoTrainingTraceDoes()
    {
        // Given
        var dataset = SyntheticDataset.Generate(Small);
        var foreign = SyntheticDataset.ForeignPool.ToHashSet();

        // Then
        Assert.All(dataset.Test.Where(t => t.Family == "foreign_subsequence"), t => Assert.Contains(t.Calls, foreign.Contains));
        Assert.All(dataset.Train.Concat(dataset.Test.Where(t => t.Family != "foreign_subsequence")),
            t => Assert.DoesNotContain(t.Calls, foreign.Contains));
    }

    [Fact]
    public void GivenRareRunAttacks_WhenCompared_ThenEachHasARunOfAtLeast25OfACallThatTrainingOnlyRunsUpTo12Times()
    {
        // Given
        var dataset = SyntheticDataset.Generate(new SyntheticOptions());

        // When
        var longestTrainingRun = dataset.Train.Max(t => LongestRun(t.Calls));
        var attackRuns = dataset.Test.Where(t => t.Family == "rare_run").Select(t => LongestRun(t.Calls)).ToArray();

        // Then
        Assert.True(longestTrainingRun <= 12, $"training has a run of {longestTrainingRun}");
        Assert.All(attackRuns, run => Assert.InRange(run, 25, 60 + 12));
    }

    [Fact]
    public void GivenAFamilySubset_WhenGenerated_ThenOnlyThoseFamiliesAppearAndTheTrainingSetIsUnchanged()
    {
        // When
        var all = SyntheticDataset.Generate(Small);
        var subset = SyntheticDataset.Generate(new SyntheticOptions
        {
            Seed = 7, Programs = 2, TrainTraces = 20, TestNormalTraces = 10, AttackTracesPerFamily = 3, MinTraceLength = 40, MeanTraceLength = 80,
            Families = "mimicry",
        });

        // Then
        Assert.Equal(["mimicry"], subset.Test.Where(t => t.IsAttack).Select(t => t.Family).Distinct());
        Assert.Equal(DatasetHash.Compute(all.Train, []), DatasetHash.Compute(subset.Train, []));
        Assert.Equal(all.Test.Where(t => t.Family == "mimicry").Take(3).Select(t => t.Calls), subset.Test.Where(t => t.IsAttack).Select(t => t.Calls));
    }

    [Theory]
    [InlineData("foreign_subsequence, bogus", "Families", "unknown family 'bogus'; valid families: foreign_subsequence, unusual_mix, rare_run, mimicry")]
    [InlineData(" , ", "Families", "must name at least one family of: foreign_subsequence, unusual_mix, rare_run, mimicry")]
    [InlineData("mimicry,mimicry", "Families", "must not name a family twice")]
    public void GivenBadFamilies_WhenValidated_ThenTheErrorSaysWhatIsAllowed(string families, string property, string message) =>
        Assert.Equal([new Core.Config.OptionError(property, message)], new SyntheticOptions { Families = families }.Validate());

    [Fact]
    public void GivenInvalidOptions_WhenGeneratedDirectly_ThenItRefusesInsteadOfGuessing()
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticDataset.Generate(new SyntheticOptions { Families = "bogus" }));

        Assert.StartsWith("Invalid synthetic options: Families unknown family 'bogus'", error.Message);
    }

    [Fact]
    public void GivenOutOfRangeCounts_WhenValidated_ThenEachIsReported()
    {
        // When
        var errors = new SyntheticOptions { Programs = 0, TrainTraces = 0, MinTraceLength = 100, MeanTraceLength = 50 }.Validate().ToArray();

        // Then
        Assert.Equal(["Programs", "TrainTraces", "MeanTraceLength"], errors.Select(e => e.Property));
    }

    [Fact]
    public void GivenTheRegistry_WhenSyntheticIsLookedUp_ThenItLoadsTheSameDataAsGenerate()
    {
        // Given
        var descriptor = DatasetRegistry.Default.Find("synthetic");

        // When
        var dataset = descriptor!.Load(Small, new DatasetContext("/nowhere"));

        // Then
        Assert.Equal(SyntheticDataset.Generate(Small).Provenance.ContentHash, dataset.Provenance.ContentHash);
        Assert.Equal(["seed", "programs", "train_traces", "test_normal_traces", "attack_traces_per_family", "min_trace_length", "mean_trace_length", "families"],
            descriptor.Parameters.Select(p => p.YamlName));
    }

    private static int LongestRun(int[] calls)
    {
        int longest = 0, current = 0;
        for (var i = 0; i < calls.Length; i++)
        {
            current = i > 0 && calls[i] == calls[i - 1] ? current + 1 : 1;
            longest = Math.Max(longest, current);
        }

        return longest;
    }
}
