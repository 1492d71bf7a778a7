using Spectre.Console;
using SyscallBench.Core;
using SyscallBench.Core.Results;
using SyscallBench.Core.Traces;

namespace SyscallBench.Cli.Commands;

/// <summary>The dataset of a saved run, loaded again for the report's overview (`report`, `merge`).</summary>
public static class RunDataset
{
    /// <summary>The dataset, or null with a warning when it is unavailable or differs from the run's (content hash).</summary>
    public static LabeledDataset? TryLoad(RunResult result)
    {
        try
        {
            var dataset = result.Config.LoadDataset(result.Config.Dataset);
            if (dataset.Provenance.ContentHash == result.Dataset.Provenance.ContentHash)
            {
                return dataset;
            }

            AnsiConsole.MarkupLine("[yellow]warning:[/] the dataset found now differs from the run's (content hash); the overview is left out.");
            return null;
        }
        catch (SyscallBenchException e)
        {
            AnsiConsole.MarkupLine("[yellow]warning:[/] dataset not available, overview left out: " + Markup.Escape(e.Message));
            return null;
        }
    }
}
