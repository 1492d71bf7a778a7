using System.Globalization;
using Spectre.Console;
using SyscallBench.Core.Config;
using SyscallBench.Lstm;
using SyscallBench.Lstm.Benchmarks;
using SyscallBench.Lstm.Transformer;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// `bench --lstm-loop`: each lstm or transformer detector of an experiment against a bare TorchSharp loop
/// of the same shape on the same data, side by side in one process (LstmBenchmark and TransformerBenchmark
/// alternate the two).
/// </summary>
internal static class LstmLoopBenchmark
{
    /// <summary>Whether --lstm-loop measures this detector instead of the ordinary bench.</summary>
    public static bool Measures(IOptions options) => options is LstmOptions or TransformerOptions;

    public static void Run(ExperimentConfig config, int repeats)
    {
        var lstms = config.Detectors.Where(d => Measures(d.Options)).ToArray();
        if (lstms.Length == 0)
        {
            AnsiConsole.MarkupLine("[yellow]--lstm-loop:[/] the experiment has no lstm or transformer detector.");
            return;
        }

        foreach (var datasetSpec in config.Datasets)
        {
            var dataset = config.LoadDataset(datasetSpec);
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"Language models vs bare TorchSharp loops on {Markup.Escape(datasetSpec.Name)}: best of {repeats} alternating repeats")
                .AddColumns("detector", "train: bare syscalls/s", "train: detector", "ratio", "score: bare syscalls/s", "score: detector", "ratio");
            foreach (var spec in lstms)
            {
                void Log(string line) => AnsiConsole.MarkupLine("[dim]" + Markup.Escape(line) + "[/]");
                var result = spec.Options is TransformerOptions transformer
                    ? TransformerBenchmark.Run(dataset.Train, dataset.Test, transformer, epochs: 1, repeats: repeats, log: Log, seed: config.Seeds[0])
                    : LstmBenchmark.Run(dataset.Train, dataset.Test, (LstmOptions)spec.Options, epochs: 1, repeats: repeats, log: Log, seed: config.Seeds[0]);
                table.AddRow(Markup.Escape(spec.Name),
                    Format(result.BareTrainSyscallsPerSecond, "N0"), Format(result.DetectorTrainSyscallsPerSecond, "N0"), Format(result.TrainRatio, "0.00"),
                    Format(result.BareScoreSyscallsPerSecond, "N0"), Format(result.DetectorScoreSyscallsPerSecond, "N0"), Format(result.ScoreRatio, "0.00"));
            }

            AnsiConsole.Write(table);
        }
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
