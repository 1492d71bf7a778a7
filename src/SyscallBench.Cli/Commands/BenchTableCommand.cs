using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.Experiments.Benchmarking;

namespace SyscallBench.Cli.Commands;

public sealed class BenchTableSettings : CommandSettings
{
    [CommandArgument(0, "<FILES>")]
    [Description("Benchmark files written by `bench --json`, in the order their rows should appear.")]
    public string[] Files { get; init; } = [];
}

/// <summary>`bench-table FILES`: prints the README's performance table (markdown) from `bench --json` files.</summary>
public sealed class BenchTableCommand : Command<BenchTableSettings>
{
    public override int Execute(CommandContext context, BenchTableSettings settings, CancellationToken cancellationToken)
    {
        var reports = settings.Files.Select(BenchmarkReport.Load).ToArray();
        // Plain Console: the markdown is meant to be redirected or pasted, so no markup and no wrapping.
        System.Console.Out.Write(BenchmarkMarkdown.Render(reports, settings.Files));
        return CliApp.ExitOk;
    }
}
