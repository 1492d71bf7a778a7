using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core;
using SyscallBench.Core.Benchmarking;
using SyscallBench.Core.Running;

namespace SyscallBench.Cli.Commands;

public sealed class BenchTableSettings : CommandSettings
{
    [CommandArgument(0, "<FILES>")]
    [Description("Benchmark files written by `bench --json`, in the order their rows should appear.")]
    public string[] Files { get; init; } = [];

    [CommandOption("--into <MARKDOWN>")]
    [Description("Replace the text between the lines `" + Begin + "` and `" + End + "` of this file (e.g. README.md) instead of printing.")]
    public string? Into { get; init; }

    public const string Begin = "<!-- bench-table:begin -->";
    public const string End = "<!-- bench-table:end -->";
}

/// <summary>
/// `bench-table FILES`: the README's performance table (markdown) from `bench --json` files, printed or
/// written in place between two marker lines, so the published table is never typed by hand.
/// </summary>
public sealed class BenchTableCommand : Command<BenchTableSettings>
{
    public override int Execute(CommandContext context, BenchTableSettings settings, CancellationToken cancellationToken)
    {
        var reports = settings.Files.Select(BenchmarkReport.Load).ToArray();
        var table = BenchmarkMarkdown.Render(reports, settings.Files);
        if (settings.Into is null)
        {
            // Plain Console: the markdown is meant to be redirected or pasted, so no markup and no wrapping.
            System.Console.Out.Write(table);
            return CliApp.ExitOk;
        }

        var text = File.Exists(settings.Into) ? File.ReadAllText(settings.Into) : throw new SyscallBenchException($"{settings.Into}: file not found.");
        var begin = text.IndexOf(BenchTableSettings.Begin, StringComparison.Ordinal);
        var end = text.IndexOf(BenchTableSettings.End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new SyscallBenchException($"{settings.Into}: needs a line `{BenchTableSettings.Begin}` followed by a line `{BenchTableSettings.End}`; the table goes between them.");
        }

        var start = begin + BenchTableSettings.Begin.Length;
        AtomicFile.WriteText(settings.Into, text[..start] + "\n" + table + text[end..]);
        AnsiConsole.MarkupLine($"wrote the table into [blue]{Markup.Escape(settings.Into)}[/]");
        return CliApp.ExitOk;
    }
}
