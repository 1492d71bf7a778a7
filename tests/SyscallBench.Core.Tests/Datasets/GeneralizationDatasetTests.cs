using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;
using Xunit.Abstractions;

namespace SyscallBench.Core.Tests.Datasets;

public sealed class GeneralizationDatasetTests(ITestOutputHelper output)
{
    private static readonly GeneralizationOptions Tiny = new()
    {
        Seed = 7, MinToken = 1, MaxToken = 5, RunLength = 3, HeldOut = [3], CopiesPerRule = 2, FillerTraces = 5,
        TestCopies = 1, CorruptionsPerFamily = 2,
    };

    private static string Show(Trace t) => $"{t.Id} {string.Join(' ', t.Calls)}";

    [Fact]
    public void GivenSeed7PatternUnseen_WhenGenerated_ThenTheTracesAreExactlyThePinnedOnes()
    {
        // When
        var dataset = GeneralizationDataset.Generate(Tiny);
        foreach (var t in dataset.Train.Concat(dataset.Test))
        {
            output.WriteLine($"\"{Show(t)}\",");
        }

        // Then
        Assert.Equal(PinnedPatternUnseenTrain, dataset.Train.Select(Show));
        Assert.Equal(PinnedPatternUnseenTest, dataset.Test.Select(Show));
        Assert.All(dataset.Train, t => Assert.Equal(TraceLabel.Normal, t.Label));
    }

    private static readonly string[] PinnedPatternUnseenTrain =
    [
        "train/rule/k01/0001 1 1 1 2",
        "train/rule/k01/0002 1 1 1 2",
        "train/rule/k02/0001 2 2 2 3",
        "train/rule/k02/0002 2 2 2 3",
        "train/rule/k04/0001 4 4 4 5",
        "train/rule/k04/0002 4 4 4 5",
        "train/filler/0001 1 2 5 2",
        "train/filler/0002 2 4 5 5",
        "train/filler/0003 3 4 4 1",
        "train/filler/0004 4 4 5 3",
        "train/filler/0005 5 1 5 2",
    ];

    private static readonly string[] PinnedPatternUnseenTest =
    [
        "test/broken_run/0001 2 3 3 4",
        "test/broken_run/0002 3 5 3 4",
        "test/normal/k03/0001 3 3 3 4",
        "test/seen_run_wrong_successor/0001 1 1 1 4",
        "test/seen_run_wrong_successor/0002 2 2 2 2",
        "test/wrong_successor/k03/k01 3 3 3 1",
        "test/wrong_successor/k03/k02 3 3 3 2",
        "test/wrong_successor/k03/k03 3 3 3 3",
        "test/wrong_successor/k03/k05 3 3 3 5",
    ];

    [Fact]
    public void GivenTokenUnseen_WhenGenerated_ThenTheHeldOutValueNeverAppearsInTraining()
    {
        // When
        var dataset = GeneralizationDataset.Generate(new GeneralizationOptions { Regime = GeneralizationRegime.TokenUnseen });

        // Then: 8 is nowhere in training, so "7 7 7 8" is gone too; 9 still appears (fillers)
        Assert.DoesNotContain(dataset.Train, t => t.Calls.Contains(8));
        Assert.Contains(dataset.Train, t => t.Calls.Contains(9));
        Assert.DoesNotContain(dataset.Train, t => t.Calls.SequenceEqual(new[] { 7, 7, 7, 8 }));
        Assert.Equal(6 * 20, dataset.Train.Count(t => t.Id.StartsWith("train/rule/", StringComparison.Ordinal)));
        Assert.All(dataset.Test.Where(t => !t.IsAttack), t => Assert.Equal(new[] { 8, 8, 8, 9 }, t.Calls));
    }

    [Fact]
    public void GivenPatternUnseen_WhenGenerated_ThenEveryTokenAppearsInTrainingButNoTrainingTraceHoldsTheHeldOutRun()
    {
        // When
        var dataset = GeneralizationDataset.Generate(new GeneralizationOptions());

        // Then
        var seen = dataset.Train.SelectMany(t => t.Calls).ToHashSet();
        Assert.All(Enumerable.Range(1, 9), token => Assert.Contains(token, seen));
        Assert.DoesNotContain(dataset.Train, t => ContainsRun(t.Calls, 8, 3));
        Assert.Contains(dataset.Train, t => t.Calls.SequenceEqual(new[] { 7, 7, 7, 8 }));
        Assert.Equal(5, dataset.TestNormalCount);
        var wrong = dataset.Test.Where(t => t.Family == GeneralizationDataset.WrongSuccessor).Select(t => t.Calls[^1]).ToArray();
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6, 7, 8 }, wrong);
    }

    [Fact]
    public void GivenTheSameSeed_WhenGeneratedTwice_ThenTheHashesAreEqual_AndAnotherSeedChangesThem()
    {
        // When
        var a = GeneralizationDataset.Generate(new GeneralizationOptions { Seed = 3 });
        var b = GeneralizationDataset.Generate(new GeneralizationOptions { Seed = 3 });
        var c = GeneralizationDataset.Generate(new GeneralizationOptions { Seed = 4 });

        // Then
        Assert.Equal(a.Provenance.ContentHash, b.Provenance.ContentHash);
        Assert.NotEqual(a.Provenance.ContentHash, c.Provenance.ContentHash);
        Assert.Equal(GeneralizationDataset.TypeName, a.Provenance.Type);
    }

    [Fact]
    public void GivenAHeldOutValueWithoutSuccessor_WhenValidated_ThenTheErrorNamesTheOption()
    {
        // When
        var errors = new GeneralizationOptions { HeldOut = [9] }.Validate().ToArray();

        // Then
        var error = Assert.Single(errors);
        Assert.Equal(nameof(GeneralizationOptions.HeldOut), error.Property);
        Assert.Contains("[1, 8]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTokenUnseenHeldOutValuesThatRemoveEveryRule_WhenValidated_ThenTheErrorSaysSo()
    {
        // Given: 1..5 holding out 2 and 4 drops "1 1 1 2", "2 2 2 3", "3 3 3 4" and "4 4 4 5"
        var options = new GeneralizationOptions { MinToken = 1, MaxToken = 5, HeldOut = [2, 4], Regime = GeneralizationRegime.TokenUnseen, FillerTraces = 5 };

        // When
        var errors = options.Validate().ToArray();

        // Then
        var error = Assert.Single(errors);
        Assert.Equal(nameof(GeneralizationOptions.HeldOut), error.Property);
        Assert.Contains("leaves 0", error.Message, StringComparison.Ordinal);
    }

    private static bool ContainsRun(int[] calls, int value, int length)
    {
        for (var i = 0; i + length <= calls.Length; i++)
        {
            if (calls.AsSpan(i, length).IndexOfAnyExcept(value) < 0)
            {
                return true;
            }
        }

        return false;
    }
}
