using Spectre.Console;
using SyscallBench.Core.Splits;

namespace SyscallBench.Cli.Console;

/// <summary>One warning line per split whose test set holds traces identical to training traces.</summary>
public static class LeakageWarnings
{
    public static void Write(IReadOnlyList<SplitManifest> splits, Action<string> markupLine)
    {
        foreach (var split in splits.Where(s => s.LeakedTraces > 0))
        {
            var example = split.LeakedExamples[0];
            markupLine($"[yellow]warning:[/] split {Markup.Escape(split.Name)}: {split.LeakedTraces} of {split.TestNormalTraces + split.TestAttackTraces} " +
                $"test traces ({split.LeakedAttackTraces} of them attacks) are identical to a training trace, e.g. {Markup.Escape(example.TestId)} = " +
                $"{Markup.Escape(example.TrainId)}; see splits/{Markup.Escape(split.Name)}.json. split.leakage: error refuses such splits.");
        }
    }
}
