using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Cli.Console;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Reports;
using SyscallBench.Reports.Figures;

namespace SyscallBench.Cli.Commands;

public sealed class MergeSettings : CommandSettings
{
    [CommandArgument(0, "<SHARD_DIR>")]
    [Description("The run folders of all N shards of one run (written by `run EXPERIMENT.yaml --shard i/N`), in any order.")]
    public string[] ShardDirectories { get; init; } = [];

    [CommandOption("--output <DIR>")]
    [Description("Results folder of the merged run, overriding the experiment's `output` (default results/).")]
    public string? Output { get; init; }

    [CommandOption("--figures <FORMAT>")]
    [Description(FiguresStep.Description)]
    public string? Figures { get; init; }

    public override ValidationResult Validate() => FiguresStep.Validate(Figures);
}

/// <summary>
/// `merge DIR...`: one run folder (metrics, scores, report, models) from the shards of a sharded run,
/// equal to what the unsharded run writes. The report's dataset overview is included when the dataset
/// can be loaded here and matches the shards' content hash.
/// </summary>
public sealed class MergeCommand : Command<MergeSettings>
{
    public override int Execute(CommandContext context, MergeSettings settings, CancellationToken cancellationToken)
    {
        var merger = new ShardMerger(new RunResultReader(DetectorCatalog.ConfigReader(), DetectorCatalog.Probes),
            [.. ExperimentRunner.CoreExporters, new HtmlReportExporter()]);
        var outcome = merger.Merge(settings.ShardDirectories, settings.Output, RunDataset.TryLoad);
        SummaryTable.Write(outcome.Result);
        AnsiConsole.MarkupLine($"merged {settings.ShardDirectories.Length} shards: [link]{Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), outcome.Directory))}[/]");
        foreach (var failure in outcome.ExportFailures)
        {
            AnsiConsole.MarkupLine("[red]export failed:[/] " + Markup.Escape(failure));
        }

        var failures = outcome.ExportFailures.Count;
        if (FigureFormats.Parse(settings.Figures) is { } format && !FiguresStep.Write(outcome.Directory, format))
        {
            failures++;
        }

        return failures == 0 ? CliApp.ExitOk : CliApp.ExitExportFailed;
    }
}
