using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.Running;
using SyscallBench.Reports;
using SyscallBench.Reports.Dataset;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// The options of `explore`: only those it uses (it shared `run`'s, and silently ignored --force, --shard,
/// --parallel and --figures).
/// </summary>
public sealed class ExploreSettings : ExperimentFileSettings
{
    [CommandOption("--output <DIR>")]
    [Description("Results folder, overriding the experiment's `output` (default results/).")]
    public string? Output { get; init; }
}

/// <summary>
/// `explore FILE`: the first look at the data, before any model: writes the report's dataset overview
/// (trace lengths, syscall frequencies, n-gram novelty, vocabulary overlap) for every dataset of an
/// experiment file. The file may omit `detectors`.
/// </summary>
public sealed class ExploreCommand : Command<ExploreSettings>
{
    public override int Execute(CommandContext context, ExploreSettings settings, CancellationToken cancellationToken)
    {
        var config = DetectorCatalog.ConfigReader().ReadFile(settings.Experiment, requireDetectors: false);
        var outputRoot = settings.Output ?? config.OutputDirectory;
        foreach (var spec in config.Datasets)
        {
            var dataset = config.LoadDataset(spec);
            var overview = DatasetOverview.Compute(dataset);
            var suffix = config.Datasets.Count > 1 ? $"explore-{spec.Name}" : "explore";
            using var folder = RunDirectory.Create(outputRoot, config.Name, DateTimeOffset.UtcNow, suffix);
            AtomicFile.WriteText(folder.PathOf("overview.html"), ReportDocument.RenderOverview(overview, spec.Type, dataset.Provenance.Architecture));
            folder.Commit();

            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(spec.Name)}[/] ({Markup.Escape(spec.Type)}): {dataset.Train.Count} train, " +
                $"{dataset.TestNormalCount} normal + {dataset.TestAttackCount} attack test traces");
            foreach (var note in dataset.Provenance.Notes)
            {
                AnsiConsole.MarkupLine("  " + Markup.Escape(note));
            }

            AnsiConsole.MarkupLine($"overview: {Markup.Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(folder.FinalPath, "overview.html")))}");
        }

        return CliApp.ExitOk;
    }
}
