using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Cli.Console;
using SyscallBench.Core.Config;
using SyscallBench.Core.Export;
using SyscallBench.Core.Running;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Reports;
using SyscallBench.Reports.Figures;

namespace SyscallBench.Cli.Commands;

/// <summary>`run FILE` (also the default command): run an experiment, show progress and a summary.</summary>
public sealed class RunCommand : Command<RunSettings>
{
    public override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var config = DetectorSelection.Apply(DetectorCatalog.ConfigReader().ReadFile(settings.Experiment), settings.Only, settings.Skip);
        if (settings.Output is not null)
        {
            config = config with { OutputDirectory = settings.Output };
        }

        if (settings.Parallel is { } parallel)
        {
            config = config with { Parallel = parallel };
        }

        var shard = settings.Shard is null ? null : ShardSpec.Parse(settings.Shard);
        // A shard's folder is raw material for `merge`, which writes the report of the whole run.
        IReadOnlyList<IResultExporter> exporters = shard is null
            ? [.. ExperimentRunner.CoreExporters, new HtmlReportExporter()]
            : ExperimentRunner.CoreExporters;
        var runner = new ExperimentRunner(exporters, DetectorCatalog.Probes, force: settings.Force, FitWorkerCommand.ForThisProgram());
        var inWorkers = config.Detectors.Where(d => runner.FitsInWorker(d, config)).Select(d => d.Name).ToArray();

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(config.Name)}[/]: {config.Detectors.Count} detector(s) on " +
            $"{Markup.Escape(string.Join(", ", config.Datasets.Select(d => d.Name)))}, seeds {string.Join(", ", config.Seeds)}" +
            (shard is null ? "" : $", shard {shard}") + (config.Parallel > 1 ? $", {config.Parallel} units at once" : "") +
            (inWorkers.Length == 0 ? "" : $" ({Markup.Escape(string.Join(", ", inWorkers))} fitted in worker processes)"));
        var outcomes = ProgressDisplay.Run(observer => runner.RunAll(config, observer, cancellationToken, shard));

        var failures = 0;
        foreach (var outcome in outcomes)
        {
            SummaryTable.Write(outcome.Result);
            AnsiConsole.MarkupLine($"results: [link]{Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), outcome.Directory))}[/]");
            foreach (var failure in outcome.ExportFailures)
            {
                AnsiConsole.MarkupLine("[red]export failed:[/] " + Markup.Escape(failure));
            }

            failures += outcome.ExportFailures.Count;
            if (FigureFormats.Parse(settings.Figures) is { } format && !FiguresStep.Write(outcome.Directory, format))
            {
                failures++;
            }
        }

        return failures == 0 ? CliApp.ExitOk : CliApp.ExitExportFailed;
    }
}
