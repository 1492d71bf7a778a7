using System.ComponentModel;
using Spectre.Console.Cli;

namespace SyscallBench.Cli.Commands;

public sealed class RunSettings : ExperimentFileSettings
{
    [CommandOption("--output <DIR>")]
    [Description("Results folder, overriding the experiment's `output` (default results/).")]
    public string? Output { get; init; }
}
