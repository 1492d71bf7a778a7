using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection.Selection;

namespace SyscallBench.Cli.Commands;

/// <summary>`list`: every detector and dataset type with its parameters, types and defaults.</summary>
public sealed class ListCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        AnsiConsole.Write(new Rule("[bold]Detectors[/]").LeftJustified());
        AnsiConsole.MarkupLine(Markup.Escape("Any single-value parameter can be swept: grid: {parameter: [values] or \"a..b\"} in a detector entry "
            + "expands into detectors named name.parameter=value (README, \"Parameter sweeps\"); select: beside it chooses one of them (below)."));
        foreach (var detector in DetectorCatalog.Detectors.All)
        {
            Show(detector.Type, detector.Summary, detector.Parameters);
        }

        Show("select", "A block beside a grid: that chooses one variant from the training normals alone (README, \"Choosing a variant without test labels\").",
            OptionsSchema.Describe(typeof(SelectOptions)));

        AnsiConsole.Write(new Rule("[bold]Datasets[/]").LeftJustified());
        foreach (var dataset in DetectorCatalog.Datasets.All)
        {
            Show(dataset.Type, dataset.Summary, dataset.Parameters);
        }

        return CliApp.ExitOk;
    }

    private static void Show(string type, string summary, IReadOnlyList<ParameterDescription> parameters)
    {
        AnsiConsole.MarkupLine($"[bold cyan]{Markup.Escape(type)}[/]  {Markup.Escape(summary)}");
        var table = new Table().Border(TableBorder.Simple).AddColumns("parameter", "type", "default", "meaning");
        foreach (var p in parameters)
        {
            table.AddRow(Markup.Escape(p.YamlName), Markup.Escape(p.TypeName), Markup.Escape(p.DefaultText), Markup.Escape(p.Description));
        }

        AnsiConsole.Write(table);
    }
}
