using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.Experiments;
using SyscallBench.Lstm;

namespace SyscallBench.Cli.Commands;

public sealed class BenchSettings : ExperimentFileSettings
{
    [CommandOption("--repeat <N>")]
    [Description("How many times to fit and score each detector; the table shows the median (default 3).")]
    public int Repeat { get; init; } = 3;

    [CommandOption("--lstm-loop")]
    [Description("For lstm detectors, time one training epoch and the scoring of the test set side by side with a bare TorchSharp loop of the same shape, instead of a full fit.")]
    public bool LstmLoop { get; init; }

    public override ValidationResult Validate() =>
        Repeat is >= 1 and <= 100 ? ValidationResult.Success() : ValidationResult.Error("--repeat must be between 1 and 100.");
}

/// <summary>
/// `bench FILE`: throughput of every detector of an experiment, through the same code path as a run
/// (fit on the training normals, ScoreMany over the test set), repeated, median reported in syscalls/s,
/// with the machine. Models are always refitted; no results folder is kept.
/// </summary>
public sealed class BenchCommand : Command<BenchSettings>
{
    public override int Execute(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        var config = DetectorCatalog.ConfigReader().ReadFile(settings.Experiment);
        if (settings.LstmLoop)
        {
            LstmLoopBenchmark.Run(config, settings.Repeat);
            config = config with { Detectors = config.Detectors.Where(d => d.Options is not LstmOptions).ToArray() };
            if (config.Detectors.Count == 0)
            {
                return CliApp.ExitOk;
            }
        }

        var scratch = Directory.CreateTempSubdirectory("syscallbench-bench-").FullName;
        try
        {
            // No bootstrap and no exports: the benchmark times fitting and scoring, not the reports.
            var benchConfig = config with
            {
                OutputDirectory = scratch,
                SaveModels = false,
                Evaluation = new Core.Evaluation.EvaluationOptions
                {
                    FalseAlarmRates = config.Evaluation.FalseAlarmRates,
                    DetectionRate = config.Evaluation.DetectionRate,
                    BootstrapResamples = 0,
                },
            };
            var runner = new ExperimentRunner([], force: true);
            var runs = Enumerable.Range(0, settings.Repeat)
                .Select(_ => ProgressDisplay(runner, benchConfig, cancellationToken))
                .ToArray();
            Show(config, runs);
            return CliApp.ExitOk;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static IReadOnlyList<RunOutcome> ProgressDisplay(ExperimentRunner runner, ExperimentConfig config, CancellationToken cancellation) =>
        Console.ProgressDisplay.Run(observer => runner.RunAll(config, observer, cancellation));

    private static void Show(ExperimentConfig config, IReadOnlyList<IReadOnlyList<RunOutcome>> runs)
    {
        var environment = runs[0][0].Result.Environment;
        AnsiConsole.MarkupLine($"machine: {Markup.Escape(environment.Cpu)}, {environment.ProcessorCount} logical cores, " +
            $"{Markup.Escape(environment.OperatingSystem)}, {Markup.Escape(environment.Runtime)}; median of {runs.Count} run(s)");
        for (var d = 0; d < runs[0].Count; d++)
        {
            var dataset = runs[0][d].Result.Dataset;
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"{Markup.Escape(config.Name)} on {Markup.Escape(dataset.Name)}: fit on {dataset.TrainCalls:N0} calls, score {dataset.TestCalls:N0} calls")
                .AddColumns("detector", "fit s", "fit syscalls/s", "score s", "score syscalls/s", "ROC AUC");
            var rows = runs[0][d].Result.Detectors.Count;
            for (var r = 0; r < rows; r++)
            {
                var samples = runs.Select(run => run[d].Result.Detectors[r]).ToArray();
                var fit = Median(samples.Select(s => s.FitTime.TotalSeconds));
                var score = Median(samples.Select(s => s.ScoreTime.TotalSeconds));
                table.AddRow(
                    Markup.Escape(samples[0].Label(config.Seeds.Count > 1)),
                    Format(fit, "0.000"),
                    Format(dataset.TrainCalls / fit, "N0"),
                    Format(score, "0.000"),
                    Format(dataset.TestCalls / score, "N0"),
                    Format(samples[0].Evaluation.RocAuc, "0.0000"));
            }

            AnsiConsole.Write(table);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
