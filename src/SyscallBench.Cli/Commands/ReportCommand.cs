using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Reports;
using SyscallBench.Reports.Dataset;
using SyscallBench.Reports.Figures;

namespace SyscallBench.Cli.Commands;

public sealed class ReportSettings : CommandSettings
{
    [CommandArgument(0, "<RUN_DIR>")]
    [Description("A finished run folder, e.g. results/quickstart/20261128-141912-4c1019.")]
    public string RunDirectory { get; init; } = "";

    [CommandOption("--figures <FORMAT>")]
    [Description(FiguresStep.Description)]
    public string? Figures { get; init; }

    public override ValidationResult Validate() => FiguresStep.Validate(Figures);
}

/// <summary>
/// `report RUN_DIR`: regenerates report.html from a run's saved files, without refitting. The dataset
/// overview is included when the dataset can be loaded again and its content hash matches the manifest.
/// </summary>
public sealed class ReportCommand : Command<ReportSettings>
{
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var result = new RunResultReader(DetectorCatalog.ConfigReader(), DetectorCatalog.Probes).Read(settings.RunDirectory);
        var overview = TryOverview(result);
        HtmlReportExporter.Write(result, overview, settings.RunDirectory);
        AnsiConsole.MarkupLine($"report: {Markup.Escape(Path.Combine(settings.RunDirectory, RunFolder.ReportFileName))}" +
            (overview is null ? " (without the dataset overview)" : ""));
        if (ShardNote.Of(result) is { } partial)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(partial)}[/]");
        }
        if (FigureFormats.Parse(settings.Figures) is { } format && !FiguresStep.Write(settings.RunDirectory, format))
        {
            return CliApp.ExitExportFailed;
        }

        return CliApp.ExitOk;
    }

    private static DatasetOverview? TryOverview(RunResult result) =>
        RunDataset.TryLoad(result) is { } dataset ? DatasetOverview.Compute(dataset) : null;
}
