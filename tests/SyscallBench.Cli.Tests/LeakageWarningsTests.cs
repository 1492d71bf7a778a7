using SyscallBench.Cli.Console;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Cli.Tests;

public sealed class LeakageWarningsTests
{
    [Fact]
    public void GivenASplitWithCopies_WhenWarned_ThenOneLineStatesTheDuplicateAnalysisAndNoneForASplitWithout()
    {
        // Given one split whose test set has three copies of a normal sequence (one also in training), and one without copies
        var train = new[] { Trace.Normal("t", [1, 2]) };
        var test = new[]
        {
            Trace.Normal("n1", [1, 2]), Trace.Normal("n2", [1, 2]), Trace.Normal("n3", [1, 2]), Trace.Normal("n4", [5]),
            Trace.Attack("a1", [9], "F"),
        };
        var withCopies = Manifest("official", DuplicateAnalysis.Of(train, test));
        var without = Manifest("other", DuplicateAnalysis.Of(train, [Trace.Normal("m", [3]), Trace.Attack("b", [4], "F")]));
        var lines = new List<string>();

        // When
        LeakageWarnings.Write([withCopies, without], lines.Add);

        // Then
        var line = Assert.Single(lines);
        Assert.Contains("duplicates in split official: 3 test normals and 0 attacks are copies of a training trace", line, StringComparison.Ordinal);
        Assert.Contains("the 4 test normals hold 2 distinct sequences, the 1 attacks 1", line, StringComparison.Ordinal);
        Assert.Contains("the largest group is 3 identical traces (2 calls, e.g. n1)", line, StringComparison.Ordinal);
    }

    private static SplitManifest Manifest(string name, DuplicateAnalysis duplicates) =>
        new(name, "official", null, 1, 4, 1, 2, 6, "train", "test", 0, 0, [], [], []) { Duplicates = duplicates };
}
