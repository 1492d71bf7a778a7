using System.Globalization;
using Spectre.Console;
using SyscallBench.Core.Config;
using SyscallBench.Lstm;
using SyscallBench.Lstm.Benchmarks;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// `bench --lstm-loop`: each lstm detector of an experiment against a bare TorchSharp loop of the same
/// shape on the same data, side by side in one process (LstmBenchmark alternates the two).
/// </summary>
internal static class LstmLoopBenchmark
{
    public static void Run(ExperimentConfig config, int repeats)
    {
        var lstms = config.Detectors.Where(d => d.Options is LstmOptions).ToArray();
        if (lstms.Length == 0)
        {
            AnsiConsole.MarkupLine("[yellow]--lstm-loop:[/] the experiment has no lstm detector.");
            return;
        }

        foreach (var datasetSpec in config.Datasets)
        {
            var dataset = config.LoadDataset(datasetSpec);
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"LSTM vs bare TorchSharp loop on {Markup.Escape(datasetSpec.Name)}: best of {repeats} alternating repeats")
                .AddColumns("detector", "train: bare syscalls/s", "train: detector", "ratio", "score: bare syscalls/s", "score: detector", "ratio");
            foreach (var spec in lstms)
            {
                var result = LstmBenchmark.Run(dataset.Train, dataset.Test, (LstmOptions)spec.Options, epochs: 1, repeats: repeats,
                    log: line => AnsiConsole.MarkupLine("[dim]" + Markup.Escape(line) + "[/]"), seed: config.Seeds[0]);
                table.AddRow(Markup.Escape(spec.Name),
                    Format(result.BareTrainSyscallsPerSecond, "N0"), Format(result.DetectorTrainSyscallsPerSecond, "N0"), Format(result.TrainRatio, "0.00"),
                    Format(result.BareScoreSyscallsPerSecond, "N0"), Format(result.DetectorScoreSyscallsPerSecond, "N0"), Format(result.ScoreRatio, "0.00"));
            }

            AnsiConsole.Write(table);
        }
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
