using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core;
using SyscallBench.Core.Config;

namespace SyscallBench.Cli.Commands;

/// <summary>`validate FILE`: parse and check a config, and that its dataset paths exist; all errors at once; non-zero exit on any.</summary>
public sealed class ValidateCommand : Command<ExperimentFileSettings>
{
    public override int Execute(CommandContext context, ExperimentFileSettings settings, CancellationToken cancellationToken)
    {
        var config = DetectorCatalog.ConfigReader().ReadFile(settings.Experiment);
        if (DatasetPathCheck.Problems(config) is { Count: > 0 } problems)
        {
            throw new SyscallBenchException(string.Join(Environment.NewLine, problems));
        }

        AnsiConsole.MarkupLine($"[green]valid[/]: {Markup.Escape(settings.Experiment)}: experiment '{Markup.Escape(config.Name)}', " +
            $"dataset(s) {Markup.Escape(string.Join(", ", config.Datasets.Select(d => $"{d.Name}:{d.Type}")))}, {config.Detectors.Count} detector(s) " +
            $"({Markup.Escape(string.Join(", ", config.Detectors.Select(d => $"{d.Name}:{d.Type}")))}), seeds {string.Join(", ", config.Seeds)}");
        return CliApp.ExitOk;
    }
}
