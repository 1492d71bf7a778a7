using Spectre.Console;
using SyscallBench.Reports;
using SyscallBench.Reports.Figures;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// The `--figures png|svg` step shared by `run` and `report`: after report.html is written, each of its
/// charts also becomes figures/&lt;chart-id&gt;.png|svg. A missing Chromium or a rendering failure is printed
/// once and reported as failed (the command then exits 2, like a failed exporter); every other file of
/// the run is already saved.
/// </summary>
internal static class FiguresStep
{
    public const string Description =
        "Also write every chart as figures/<chart-id>.png or .svg (png|svg), rendered with headless Chromium "
        + "(/usr/bin/chromium or SYSCALLBENCH_CHROMIUM). Without Chromium the rest still succeeds and the exit code is 2.";

    /// <summary>The settings check of --figures: absent, png or svg.</summary>
    public static ValidationResult Validate(string? figures) =>
        figures is null || FigureFormats.Parse(figures) is not null
            ? ValidationResult.Success()
            : ValidationResult.Error($"--figures must be png or svg, got '{figures}'.");

    /// <summary>Writes the figures of the report in <paramref name="runDirectory"/>; false when they could not be written.</summary>
    public static bool Write(string runDirectory, FigureFormat format)
    {
        try
        {
            var files = FigureExporter.Write(Path.Combine(runDirectory, HtmlReportExporter.FileName), format);
            AnsiConsole.MarkupLine($"figures: {files.Count} {format.Extension()} file(s) in " +
                Markup.Escape(Path.Combine(runDirectory, FigureExporter.FolderName)));
            return true;
        }
        catch (ChromiumNotFoundException e)
        {
            AnsiConsole.MarkupLine("[red]figures not written:[/] " + Markup.Escape(e.Message));
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLine("[red]figures not written:[/] " + Markup.Escape(e.Message));
            return false;
        }
    }
}
