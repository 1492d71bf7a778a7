using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SyscallBench.Cli.Commands;

public sealed class RunSettings : ExperimentFileSettings
{
    [CommandOption("--output <DIR>")]
    [Description("Results folder, overriding the experiment's `output` (default results/).")]
    public string? Output { get; init; }

    [CommandOption("--retrain")]
    [Description("Fit every detector again instead of reusing a cached model fitted with the same options, seed, data and code.")]
    public bool Retrain { get; init; }

    [CommandOption("--figures <FORMAT>")]
    [Description(FiguresStep.Description)]
    public string? Figures { get; init; }

    public override ValidationResult Validate() => FiguresStep.Validate(Figures);
}
