using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core;
using SyscallBench.Core.Recording;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// `record OUTPUT -- COMMAND ARGS...` (or --cgroup, --container, --all): captures system calls with eBPF into a LID-DS
/// 2021 recording, or streams .sc lines to standard output. Thin: the work is in Core/Recording.
/// </summary>
/// <remarks>
/// Every message goes to standard error, errors too, so `record - ... | score -` reads nothing but .sc lines.
/// </remarks>
public sealed class RecordCommand : Command<RecordSettings>
{
    public override int Execute(CommandContext context, RecordSettings settings, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
        if (!console.Profile.Capabilities.Interactive)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, 160); // as CliApp does for standard output
        }

        var log = new ConsoleLog(console);
        try
        {
            var command = context.Remaining.Raw.Select(a => a == CliApp.LoneDashOfACommand ? "-" : a).ToList();
            var request = settings.ToRequest(command);
            var result = Core.Recording.Recorder.Record(request, log, cancellationToken);
            var lost = result.LostEvents == 0 ? "none lost" : $"[yellow]{result.LostEvents.ToString("N0", CultureInfo.InvariantCulture)} lost[/]";
            var where = result.Files.Count switch
            {
                0 => "standard output",
                1 => result.Files[0],
                var n => $"{n} recordings in {request.Output}",
            };
            console.MarkupLine($"[green]recorded[/] {Markup.Escape(where)}: {result.Events.ToString("N0", CultureInfo.InvariantCulture)} events ({lost}) in "
                + $"{result.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s with the {Markup.Escape(result.Engine)} engine; stopped: {Markup.Escape(result.StopReason)}"
                + (result.CommandExitCode is { } code ? $" (exit code {code})" : "")
                + (result.MalformedLines > 0 ? $"; [yellow]{result.MalformedLines} unreadable bpftrace lines[/]" : "")
                + (result.OutOfOrderEvents > 0 ? $"; [yellow]{result.OutOfOrderEvents} events written out of time order[/]" : "") + ".");
            return CliApp.ExitOk;
        }
        catch (SyscallBenchException e)
        {
            console.MarkupLine("[red]error:[/] " + Markup.Escape(e.Message));
            return CliApp.ExitUserError;
        }
    }

    private sealed class ConsoleLog(IAnsiConsole console) : IRecordingLog
    {
        public void Note(string message) => console.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");

        public void Warning(string message) => console.MarkupLine("[yellow]warning:[/] " + Markup.Escape(message));
    }
}
