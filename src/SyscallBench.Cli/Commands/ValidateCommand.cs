using Spectre.Console;
using Spectre.Console.Cli;

namespace SyscallBench.Cli.Commands;

/// <summary>`validate FILE`: parse and check a config; all errors at once; non-zero exit on any.</summary>
public sealed class ValidateCommand : Command<ExperimentFileSettings>
{
    public override int Execute(CommandContext context, ExperimentFileSettings settings, CancellationToken cancellationToken)
    {
        var config = DetectorCatalog.ConfigReader().ReadFile(settings.Experiment);
        AnsiConsole.MarkupLine($"[green]valid[/]: {Markup.Escape(settings.Experiment)}: experiment '{Markup.Escape(config.Name)}', " +
            $"dataset(s) {Markup.Escape(string.Join(", ", config.Datasets.Select(d => $"{d.Name}:{d.Type}")))}, {config.Detectors.Count} detector(s) " +
            $"({Markup.Escape(string.Join(", ", config.Detectors.Select(d => $"{d.Name}:{d.Type}")))}), seeds {string.Join(", ", config.Seeds)}");
        return CliApp.ExitOk;
    }
}
