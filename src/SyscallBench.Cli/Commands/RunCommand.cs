using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Cli.Console;
using SyscallBench.Core.Experiments;
using SyscallBench.Reports;

namespace SyscallBench.Cli.Commands;

/// <summary>`run FILE` (also the default command): run an experiment, show progress and a summary.</summary>
public sealed class RunCommand : Command<RunSettings>
{
    public override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var config = DetectorCatalog.ConfigReader().ReadFile(settings.Experiment);
        if (settings.Output is not null)
        {
            config = config with { OutputDirectory = settings.Output };
        }

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(config.Name)}[/]: {config.Detectors.Count} detector(s) on dataset {Markup.Escape(config.Dataset.Type)}, seeds {string.Join(", ", config.Seeds)}");
        var runner = new ExperimentRunner([.. ExperimentRunner.CoreExporters, new HtmlReportExporter()], DetectorCatalog.Probes);
        var outcome = ProgressDisplay.Run(observer => runner.Run(config, observer, cancellationToken));

        SummaryTable.Write(outcome.Result);
        AnsiConsole.MarkupLine($"results: [link]{Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), outcome.Directory))}[/]");
        foreach (var failure in outcome.ExportFailures)
        {
            AnsiConsole.MarkupLine("[red]export failed:[/] " + Markup.Escape(failure));
        }

        return outcome.ExportFailures.Count == 0 ? CliApp.ExitOk : CliApp.ExitInternalError;
    }
}
