using System.ComponentModel;
using Spectre.Console.Cli;

namespace SyscallBench.Cli.Commands;

/// <summary>Settings of commands that take one experiment file.</summary>
public class ExperimentFileSettings : CommandSettings
{
    [CommandArgument(0, "<EXPERIMENT>")]
    [Description("Path of the experiment YAML, e.g. experiments/quickstart.yaml.")]
    public string Experiment { get; init; } = "";
}
