using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.Results.Runs;

namespace SyscallBench.Cli.Commands;

public sealed class RunsSettings : CommandSettings
{
    [CommandArgument(0, "[FOLDER]")]
    [Description("A results folder, an experiment's folder in it, or one run (default: results).")]
    public string Folder { get; init; } = "results";

    [CommandOption("--format <FORMAT>")]
    [Description("table (default) or json.")]
    public string Format { get; init; } = "table";

    public override ValidationResult Validate() =>
        Format is "table" or "json" ? ValidationResult.Success() : ValidationResult.Error($"--format '{Format}': use table or json.");
}

/// <summary>`runs [FOLDER]`: the run folders under a results folder, newest first: experiment, date, commit, dataset, detectors, best ROC AUC, status.</summary>
public sealed class RunsCommand : Command<RunsSettings>
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public override int Execute(CommandContext context, RunsSettings settings, CancellationToken cancellationToken)
    {
        var entries = RunIndex.Of(settings.Folder);
        if (settings.Format == "json")
        {
            // Plain text on standard output, for jq and scripts (no console markup, no wrapping).
            System.Console.Out.WriteLine(JsonSerializer.Serialize(entries, Json));
            return CliApp.ExitOk;
        }

        if (entries.Count == 0)
        {
            AnsiConsole.MarkupLine($"{Markup.Escape(settings.Folder)}: no run folders.");
            return CliApp.ExitOk;
        }

        var table = new Table().AddColumns("run", "experiment", "started (UTC)", "commit", "dataset", "detectors", "best ROC AUC", "status");
        var here = Directory.GetCurrentDirectory();
        foreach (var entry in entries)
        {
            table.AddRow(
                Markup.Escape(Path.GetRelativePath(here, entry.Path)),
                Markup.Escape(entry.Experiment),
                entry.StartedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(entry.GitCommit is { Length: > 8 } commit ? commit[..8] : entry.GitCommit ?? ""),
                Markup.Escape(entry.Dataset ?? ""),
                entry.Detectors.Count.ToString(CultureInfo.InvariantCulture),
                entry.BestRocAuc is { } auc ? $"{auc.ToString("F3", CultureInfo.InvariantCulture)} {Markup.Escape(entry.BestDetector!)}" : "",
                Markup.Escape(StatusText(entry)));
        }

        AnsiConsole.Write(table);
        return CliApp.ExitOk;
    }

    private static string StatusText(RunIndexEntry entry) => entry.Status switch
    {
        RunStatus.Complete => "complete",
        RunStatus.Shard => "shard (partial: merge the shards)",
        RunStatus.NoReport => "complete, no report.html",
        RunStatus.ExploreOverview => "explore overview",
        RunStatus.Damaged => "damaged: " + entry.Problem,
        _ => entry.Status.ToString(),
    };
}
