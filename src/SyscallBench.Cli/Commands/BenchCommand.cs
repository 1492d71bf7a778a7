using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.Benchmarking;
using SyscallBench.Core.Config;
using SyscallBench.Core.Running;

namespace SyscallBench.Cli.Commands;

public sealed class BenchSettings : ExperimentFileSettings
{
    [CommandOption("--repeat <N>")]
    [Description("How many times to fit and score each detector; the table shows the median (default 3).")]
    public int Repeat { get; init; } = 3;

    [CommandOption("--warmup <N>")]
    [Description("Untimed repeats before the measured ones, so the timed code is fully JIT-compiled (default 1; 0 for very large data).")]
    public int Warmup { get; init; } = 1;

    [CommandOption("--lstm-loop")]
    [Description("For detectors that offer a reference loop (lstm and transformer: a bare TorchSharp loop of the same shape), time one training epoch and the scoring of the test set side by side with it, instead of a full fit.")]
    public bool LstmLoop { get; init; }

    [CommandOption("--json <FILE>")]
    [Description("Also write the medians, the machine, the date and the command to FILE (JSON), for `bench-table`.")]
    public string? Json { get; init; }

    [CommandOption("--lid-ds-scale <SAMPLE>")]
    [Description("Instead of timing each detector: read LID-DS scenarios generated from this 2021 recording (zip) at --scales times its size on one "
        + "thread, then run the experiment (a lid-ds dataset; its path is replaced) over a generated scenario of --run-events event lines.")]
    public string? LidDsScale { get; init; }

    [CommandOption("--scales <LIST>")]
    [Description("With --lid-ds-scale: the scenario sizes to read, in copies of the sample (default 1,10,100).")]
    public string Scales { get; init; } = "1,10,100";

    [CommandOption("--run-events <N>")]
    [Description("With --lid-ds-scale: event lines of the scenario the experiment runs over (default 100000000; 0 skips the run).")]
    public long RunEvents { get; init; } = 100_000_000;

    [CommandOption("--work <DIR>")]
    [Description("With --lid-ds-scale: where scenarios are generated (default: a temporary folder, deleted afterwards).")]
    public string? Work { get; init; }

    /// <summary>--scales as numbers; empty when malformed.</summary>
    public IReadOnlyList<int> ScaleList
    {
        get
        {
            var scales = Scales.Split(',').Select(s => int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
            return scales.All(n => n > 0) ? scales : [];
        }
    }

    public override ValidationResult Validate() =>
        Repeat is < 1 or > 100 ? ValidationResult.Error("--repeat must be between 1 and 100.")
        : Warmup is < 0 or > 10 ? ValidationResult.Error("--warmup must be between 0 and 10.")
        : LidDsScale is not null && !File.Exists(LidDsScale) ? ValidationResult.Error($"--lid-ds-scale: {LidDsScale} does not exist.")
        : ScaleList.Count == 0 ? ValidationResult.Error($"--scales must list positive whole numbers, e.g. 1,10,100; got '{Scales}'.")
        : RunEvents < 0 ? ValidationResult.Error("--run-events must be 0 or more.")
        : ValidationResult.Success();
}

/// <summary>
/// `bench FILE`: the cost of every detector of an experiment on each of its datasets: fit and score
/// throughput in syscalls/s of wall-clock and of CPU time (scoring both on one thread and with ScoreMany
/// on all cores), allocation and peak memory, median of --repeat, with the machine. Uses the experiment's first seed; writes no results folder.
/// </summary>
public sealed class BenchCommand : Command<BenchSettings>
{
    public override int Execute(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        var config = DetectorCatalog.ConfigReader().ReadFile(settings.Experiment);
        if (settings.LidDsScale is not null)
        {
            return LidDsScaleBench.Run(config, settings, CommandLine(settings));
        }

        if (settings.LstmLoop)
        {
            var offered = ReferenceLoops.Offered(config);
            if (offered.Count == 0)
            {
                AnsiConsole.MarkupLine("[yellow]--lstm-loop:[/] no detector of the experiment offers a reference loop (lstm and transformer do).");
            }

            ReferenceLoops.Run(config, settings.Repeat, line => AnsiConsole.MarkupLine("[dim]" + Markup.Escape(line) + "[/]"),
                (dataset, comparisons) => ShowReferenceLoops(dataset, comparisons, settings.Repeat));
            config = config with { Detectors = config.Detectors.Except(offered).ToArray() };
            if (config.Detectors.Count == 0)
            {
                return CliApp.ExitOk;
            }
        }

        var report = new BenchmarkReport(DateTimeOffset.UtcNow, CommandLine(settings), settings.Repeat,
            BenchmarkMachine.Of(RunEnvironment.Capture()), Run(config, settings.Repeat, settings.Warmup, cancellationToken));
        Show(report);
        if (settings.Json is not null)
        {
            report.Save(settings.Json);
            AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(settings.Json)}[/] (render it with `dotnet run -- bench-table {Markup.Escape(settings.Json)}`)");
        }

        return CliApp.ExitOk;
    }

    private static DatasetBenchmark[] Run(ExperimentConfig config, int repeats, int warmups, CancellationToken cancellation) =>
        config.Datasets.Select(spec =>
        {
            var clock = Stopwatch.StartNew();
            var dataset = AnsiConsole.Status().Start($"loading {spec.Name}", _ => config.LoadDataset(spec));
            var loadTime = clock.Elapsed;
            var samples = AnsiConsole.Status().Start("benchmarking", status =>
                DetectorBenchmark.Run(config.Detectors, dataset, config.Seeds[0], repeats, warmups, line => status.Status(Markup.Escape(line)), cancellation));
            return DatasetBenchmark.Of(config.Name, spec.Name, dataset, loadTime, config.Detectors, samples);
        }).ToArray();

    // What a reader types to get the same table; the experiment path is kept as given (relative to the repository root).
    private static string CommandLine(BenchSettings settings) =>
        $"dotnet run -- bench {settings.Experiment} --repeat {settings.Repeat.ToString(CultureInfo.InvariantCulture)}"
        + (settings.Warmup == 1 ? "" : $" --warmup {settings.Warmup.ToString(CultureInfo.InvariantCulture)}")
        + (settings.LstmLoop ? " --lstm-loop" : "")
        + (settings.LidDsScale is null ? "" : $" --lid-ds-scale {settings.LidDsScale} --scales {settings.Scales} --run-events {settings.RunEvents.ToString(CultureInfo.InvariantCulture)}")
        + (settings.Json is null ? "" : $" --json {settings.Json}");

    private static void Show(BenchmarkReport report)
    {
        var machine = report.Machine;
        AnsiConsole.MarkupLine($"machine: {Markup.Escape(machine.Cpu)}, {machine.LogicalCores} logical cores, {Markup.Escape(machine.OperatingSystem)}, " +
            $"{Markup.Escape(machine.Runtime)}; {report.Date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC; median of {report.Repeats} run(s)");
        foreach (var run in report.Runs)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"{Markup.Escape(run.Experiment)} on {Markup.Escape(run.Dataset)}: fit on {run.TrainCalls:N0} calls, score {run.TestCalls:N0} calls (loaded in {run.LoadSeconds:0.0} s)")
                .AddColumns("detector", "fit s", "fit syscalls/s", "fit syscalls/CPU-s", "score s (1 thread)", "score syscalls/s (1 thread)",
                    "score syscalls/CPU-s (1 thread)", "score syscalls/s (all cores)", "model MB", "fit alloc MB", "fit peak MB", "score alloc MB", "score peak MB");
            foreach (var d in run.Detectors)
            {
                table.AddRow(Markup.Escape(d.Name), Format(d.FitSeconds, "0.000"), Format(d.FitCallsPerSecond, "N0"), Format(d.FitCallsPerCpuSecond, "N0"),
                    Format(d.ScoreSecondsOneThread, "0.000"), Format(d.ScoreCallsPerSecondOneThread, "N0"), Format(d.ScoreCallsPerCpuSecondOneThread, "N0"),
                    Format(d.ScoreCallsPerSecondParallel, "N0"),
                    Megabytes(d.ModelManagedBytes), Megabytes(d.FitAllocatedBytes), Megabytes(d.FitPeakResidentGrowthBytes),
                    Megabytes(d.ScoreAllocatedBytesOneThread), Megabytes(d.ScorePeakResidentGrowthBytesOneThread));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"all {run.Detectors.Count} detectors, fit + score on one thread: {Format(run.Detectors.Sum(d => d.FitSeconds + d.ScoreSecondsOneThread), "0.00")} s");
        }

        AnsiConsole.MarkupLine("[dim]syscalls/CPU-s: calls per second of CPU time of the process (hardly affected by other processes on the machine); model MB: managed bytes freed when the fitted model is dropped after scoring (libtorch memory not included); alloc MB: managed bytes allocated; " +
            "peak MB: peak resident set size during the phase minus the resident size at its start (n/a off Linux).[/]");
    }

    private static void ShowReferenceLoops(string dataset, IReadOnlyList<ReferenceLoopComparison> comparisons, int repeats)
    {
        foreach (var group in comparisons.GroupBy(c => (c.Type, c.Reference)))
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"{Markup.Escape(group.Key.Type.ToUpperInvariant())} vs {Markup.Escape(group.Key.Reference)} on {Markup.Escape(dataset)}: best of {repeats} alternating repeats")
                .AddColumns("detector", "train: reference syscalls/s", "train: detector", "ratio", "score: reference syscalls/s", "score: detector", "ratio");
            foreach (var (_, detector, _, _, result) in group)
            {
                table.AddRow(Markup.Escape(detector),
                    Format(result.ReferenceTrainSyscallsPerSecond, "N0"), Format(result.DetectorTrainSyscallsPerSecond, "N0"), Format(result.TrainRatio, "0.00"),
                    Format(result.ReferenceScoreSyscallsPerSecond, "N0"), Format(result.DetectorScoreSyscallsPerSecond, "N0"), Format(result.ScoreRatio, "0.00"));
            }

            AnsiConsole.Write(table);
        }
    }

    private static string Megabytes(long? bytes) => bytes is { } b ? Format(b / 1048576.0, "0.0") : "n/a";

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
