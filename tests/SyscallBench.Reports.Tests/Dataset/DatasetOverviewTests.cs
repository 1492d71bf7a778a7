using SyscallBench.Core.Traces;
using SyscallBench.Reports.Dataset;

namespace SyscallBench.Reports.Tests.Dataset;

public sealed class DatasetOverviewTests
{
    // train [1,2,3] [1,2,3,4]; test normal [1,2,3] [2,3,5]; attacks [9,9] (family A) and [1,2] (no family).
    private static readonly DatasetOverview Overview = DatasetOverview.Compute(new LabeledDataset(
        "tiny",
        [Trace.Normal("t0", [1, 2, 3]), Trace.Normal("t1", [1, 2, 3, 4])],
        [
            Trace.Normal("n0", [1, 2, 3]), Trace.Normal("n1", [2, 3, 5]),
            Trace.Attack("a0", [9, 9], "A"), new Trace("a1", [1, 2], TraceLabel.Attack, null, "inline"),
        ],
        new DatasetProvenance("inline", "generated", "hash", [])), topSyscalls: 3);

    [Fact]
    public void GivenATinyDataset_WhenLengthsAreSummarised_ThenEachSplitAndFamilyHasItsOwnGroup()
    {
        Assert.Equal(["train", "test normal", "test attack: (no family)", "test attack: A"], Overview.Lengths.Select(g => g.Group));
        Assert.Equal([3, 4], Overview.Lengths[0].Lengths);
        Assert.Equal(3.5, Overview.Lengths[0].Median);
        Assert.Equal(3.5, Overview.Lengths[0].Mean);
        Assert.Equal(7, Overview.Lengths[0].TotalCalls);
        Assert.Equal([3, 3], Overview.Lengths[1].Lengths);
        Assert.Equal([2], Overview.Lengths[2].Lengths);
    }

    [Fact]
    public void GivenATinyDataset_WhenTopSyscallsAreCounted_ThenTheyAreRankedByTotalWithTiesByNumber()
    {
        // Totals: 2 -> 5, 1 -> 4, 3 -> 4, 9 -> 2, 4 -> 1, 5 -> 1.
        Assert.Equal([2, 1, 3], Overview.TopSyscalls.Select(f => f.Syscall));
        var two = Overview.TopSyscalls[0];
        Assert.Equal(5, two.TotalCount);
        Assert.Equal(2.0 / 7, two.TrainShare, 12);
        Assert.Equal(2.0 / 6, two.TestNormalShare, 12);
        Assert.Equal(1.0 / 4, two.TestAttackShare, 12);
    }

    [Fact]
    public void GivenATinyDataset_WhenNGramNoveltyIsComputed_ThenItMatchesTheHandCount()
    {
        Assert.Equal(DatasetOverview.MaxNGram, Overview.Novelty.Count);
        // n=1: normal 5 is new (1 of 6 calls); attack 9, 9 are new (2 of 4).
        Assert.Equal(new NGramNovelty(1, 6, 1.0 / 6, 4, 0.5), Overview.Novelty[0]);
        // n=2: normal (3,5) is new among (1,2) (2,3) (2,3) (3,5); attack (9,9) new, (1,2) seen.
        Assert.Equal(new NGramNovelty(2, 4, 0.25, 2, 0.5), Overview.Novelty[1]);
        // n=3: normal (2,3,5) new, (1,2,3) seen; attacks are too short for any window.
        Assert.Equal(new NGramNovelty(3, 2, 0.5, 0, 0), Overview.Novelty[2]);
        Assert.Equal(new NGramNovelty(4, 0, 0, 0, 0), Overview.Novelty[3]);
    }

    [Fact]
    public void GivenATinyDataset_WhenVocabulariesAreCompared_ThenTestOnlyAndTrainOnlySyscallsAreListed()
    {
        Assert.Equal(4, Overview.Vocabulary.TrainSyscalls);
        Assert.Equal(5, Overview.Vocabulary.TestSyscalls);
        Assert.Equal(3, Overview.Vocabulary.Shared);
        Assert.Equal([5, 9], Overview.Vocabulary.TestOnly);
        Assert.Equal([4], Overview.Vocabulary.TrainOnly);
    }

    [Fact]
    public void GivenManyDistinctSyscalls_WhenNGramsArePacked_ThenKeysStayExactAndNoveltyIsUnchanged()
    {
        // 5000 distinct numbers need 13 bits per call: a 6-gram key uses 78 of the 128 bits.
        var train = Trace.Normal("train", Enumerable.Range(1000, 5000).ToArray());
        var shifted = Trace.Normal("test", Enumerable.Range(1001, 5000).ToArray());
        var overview = DatasetOverview.Compute(new LabeledDataset("wide", [train], [shifted, Trace.Attack("a", [7, 7, 7, 7, 7, 7], "x")],
            new DatasetProvenance("inline", "generated", "hash", [])));

        // The shifted trace's last call (6000) is new, so exactly its last n-gram is unseen for each n.
        foreach (var row in overview.Novelty)
        {
            Assert.Equal(5000 - row.N + 1, row.NormalWindows);
            Assert.Equal(1.0 / row.NormalWindows, row.NormalUnseenShare, 12);
            Assert.Equal(1.0, row.AttackUnseenShare);
        }
    }
}
