using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SyscallBench.Cli.Commands;

public sealed class RunSettings : ExperimentFileSettings
{
    [CommandOption("--output <DIR>")]
    [Description("Results folder, overriding the experiment's `output` (default results/).")]
    public string? Output { get; init; }

    [CommandOption("--force")]
    [Description("Recompute every unit (fit and score again) instead of reusing cached models and scores computed with the same options, seed, data and code.")]
    public bool Force { get; init; }

    [CommandOption("--shard <I/N>")]
    [Description("Run only the i-th of N disjoint slices of the split x seed x detector grid (i from 1 to N); combine the N shard folders with `merge`.")]
    public string? Shard { get; init; }

    [CommandOption("--parallel <N>")]
    [Description("Run up to N independent units at once (overrides the experiment's `parallel`); an LSTM unit takes all N slots.")]
    public string? ParallelText { get; init; }

    /// <summary>
    /// --parallel as a number, null when not given. Read as text and parsed here: Spectre's own conversion of
    /// an int? said "Failed to convert 'abc' to Nullable`1." and took --parallel '' as not given.
    /// </summary>
    public int? Parallel => ParallelText is null ? null
        : int.TryParse(ParallelText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

    [CommandOption("--only <NAME>")]
    [Description("Run only these detectors (repeat the option, or separate names with commas); the run folder lists only them.")]
    public string[] Only { get; init; } = [];

    [CommandOption("--skip <NAME>")]
    [Description("Leave these detectors out (repeat the option, or separate names with commas), e.g. --skip lstm on a small machine.")]
    public string[] Skip { get; init; } = [];

    [CommandOption("--figures <FORMAT>")]
    [Description(FiguresStep.Description)]
    public string? Figures { get; init; }

    public override ValidationResult Validate()
    {
        if (Parallel is < 1)
        {
            return ValidationResult.Error($"--parallel {(ParallelText is "" ? "''" : ParallelText)}: give a whole number of at least 1 (units run at once).");
        }

        return FiguresStep.Validate(Figures);
    }
}
