using Spectre.Console;
using SyscallBench.Core.Probes.Selection;
using SyscallBench.Core.Results;

namespace SyscallBench.Cli.Console;

/// <summary>Under the end-of-run table, one line per detector (and seed) whose variant a select: chose from training data.</summary>
public static class SelectionLines
{
    public static void Write(RunResult result)
    {
        var multipleSeeds = result.Config.Seeds.Count > 1;
        foreach (var row in result.Detectors)
        {
            foreach (var selection in row.Probes.OfType<SelectionProbeResult>())
            {
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(row.Label(multipleSeeds))}[/]: select: {Markup.Escape(selection.Outcome.Sentence())}");
            }
        }
    }
}
