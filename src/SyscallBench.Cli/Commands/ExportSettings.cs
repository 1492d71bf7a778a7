using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.DataExport;

namespace SyscallBench.Cli.Commands;

public sealed class ExportSettings : ExperimentFileSettings
{
    [CommandArgument(1, "<OUT>")]
    [Description("Folder to write (must not exist, or be empty).")]
    public string Output { get; init; } = "";

    [CommandOption("--format <FORMAT>")]
    [Description("arff (WEKA), svmlight (scikit-learn's load_svmlight_file), csv (dense, with a header) or parquet (sparse lists).")]
    public string Format { get; init; } = "";

    [CommandOption("--detector <NAME>")]
    [Description("Export only the features of this ocsvm or pca detector of the experiment (default: every one).")]
    public string? Detector { get; init; }

    public override ValidationResult Validate()
    {
        if (Format.Length == 0)
        {
            return ValidationResult.Error($"--format is required: one of {string.Join(", ", DataFormats.All.Select(f => f.Name))}.");
        }

        return DataFormats.All.Any(f => string.Equals(f.Name, Format, StringComparison.OrdinalIgnoreCase))
            ? ValidationResult.Success()
            : ValidationResult.Error($"--format '{Format}': not a known format; use one of {string.Join(", ", DataFormats.All.Select(f => f.Name))}.");
    }
}
