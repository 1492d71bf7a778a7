using System.Globalization;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Html;

namespace SyscallBench.Reports.Sections;

/// <summary>
/// The metrics section's paragraph on identical traces: the duplicate analysis of each main split (copies of
/// training traces by label, distinct sequences per label, sequences with both labels, the largest group) and
/// what the test sets mean. Nothing when no split has identical traces.
/// </summary>
internal static class DuplicatesNote
{
    public const string TestSetTitle =
        "without_train_copies: test traces identical to a training trace left out; distinct: also sequences labelled both ways left out, and one copy of each sequence per label kept.";

    public static string Html(RunResult result)
    {
        var splits = result.Splits.Where(s => s.BaseSplit is null && s.Duplicates is { } d && d.Any()).ToArray();
        if (splits.Length == 0)
        {
            return "";
        }

        var html = new System.Text.StringBuilder("<p class=\"note\"><b>Identical traces.</b> ");
        foreach (var split in splits)
        {
            var d = split.Duplicates!;
            var largest = d.Largest(1)[0];
            html.Append(Text.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Split {split.Name}: {d.TrainCopyNormals} test normals and {d.TrainCopyAttacks} test attacks are identical to a training trace; "
                + $"the {split.TestNormalTraces} test normals hold {d.DistinctNormalSequences} distinct sequences and the {split.TestAttackTraces} attacks {d.DistinctAttackSequences}; "
                + $"{d.SequencesWithBothLabels} sequence(s) occur with both labels; the largest group is {largest.Size} identical traces of {largest.Length} calls. ")));
        }

        html.Append("Copies are not independent evidence: the intervals resample groups of identical traces (evaluation.bootstrap: auto), "
            + "DeLong's test does not and is too confident here. The literature's protocol counts every copy; "
            + "evaluation.test_set: [all, distinct] shows the distinct test set beside it. Groups in full: splits/&lt;split&gt;.json.</p>\n");
        return html.ToString();
    }
}
