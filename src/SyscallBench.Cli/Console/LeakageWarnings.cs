using Spectre.Console;
using SyscallBench.Core.Splits;

namespace SyscallBench.Cli.Console;

/// <summary>
/// One warning line per split whose test set holds traces identical to training traces, and for each main split
/// with identical sequences one line of its duplicate analysis (<see cref="DuplicateAnalysis"/>).
/// </summary>
public static class LeakageWarnings
{
    public static void Write(IReadOnlyList<SplitManifest> splits, Action<string> markupLine)
    {
        // Learning-curve points share their base split's test set: its line says it.
        foreach (var split in splits.Where(s => s.BaseSplit is null && s.Duplicates is { } d && d.Any()))
        {
            markupLine(Markup.Escape(DuplicatesLine(split.Name, split.Duplicates!, split.TestNormalTraces, split.TestAttackTraces)));
        }

        foreach (var split in splits.Where(s => s.LeakedTraces > 0))
        {
            var example = split.LeakedExamples[0];
            markupLine($"[yellow]warning:[/] split {Markup.Escape(split.Name)}: {split.LeakedTraces} of {split.TestNormalTraces + split.TestAttackTraces} " +
                $"test traces ({split.LeakedAttackTraces} of them attacks) are identical to a training trace, e.g. {Markup.Escape(example.TestId)} = " +
                $"{Markup.Escape(example.TrainId)}; see splits/{Markup.Escape(split.Name)}.json. split.leakage: error refuses such splits.");
        }
    }

    /// <summary>The analysis in one line: copies of training traces, distinct sequences per label, both labels, the largest group.</summary>
    public static string DuplicatesLine(string split, DuplicateAnalysis duplicates, int normals, int attacks)
    {
        var largest = duplicates.Largest(1)[0];
        return $"duplicates in split {split}: {duplicates.TrainCopyNormals} test normals and {duplicates.TrainCopyAttacks} attacks are copies of a training trace; "
            + $"the {normals} test normals hold {duplicates.DistinctNormalSequences} distinct sequences, the {attacks} attacks {duplicates.DistinctAttackSequences}; "
            + $"{duplicates.SequencesWithBothLabels} sequence(s) occur with both labels; the largest group is {largest.Size} identical traces "
            + $"({largest.Length} calls, e.g. {largest.NormalIds.Concat(largest.AttackIds).First()}). "
            + "Bootstrap intervals resample groups of identical traces (evaluation.bootstrap: auto); evaluation.test_set: [all, distinct] shows both protocols.";
    }
}
