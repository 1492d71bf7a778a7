using System.Globalization;
using Spectre.Console;
using SyscallBench.Cli.Console;
using SyscallBench.Core.Benchmarking;
using SyscallBench.Core.Config;
using SyscallBench.Core.Export;
using SyscallBench.Core.Running;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// `bench EXPERIMENT --lid-ds-scale SAMPLE.zip`: LID-DS reading at 1x, 10x and 100x the sample's size on one thread (lines
/// per second, per CPU-second, peak memory; zipped and unzipped; after an untimed warm-up read), then the experiment's whole run over a generated
/// scenario of --run-events event lines (see <see cref="LidDsScaleBenchmark"/>). Scenarios are generated into --work
/// (default: a temporary folder, deleted afterwards).
/// </summary>
internal static class LidDsScaleBench
{
    public static int Run(ExperimentConfig config, BenchSettings settings, string commandLine)
    {
        var sample = LidDsScaleBenchmark.ReadSample(settings.LidDsScale!);
        var work = settings.Work ?? Directory.CreateTempSubdirectory("syscallbench-lidds-scale-").FullName;
        var machine = BenchmarkMachine.Of(RunEnvironment.Capture());
        try
        {
            // An untimed read first, so the measured ones run JIT-compiled code, as a long run does.
            foreach (var zipped in new[] { true, false })
            {
                var warmup = Path.Combine(work, $"warmup-{(zipped ? "zips" : "unzipped")}");
                LidDsScaleBenchmark.WriteReadingScenario(sample, warmup, 2, zipped);
                LidDsScaleBenchmark.MeasureReading(warmup, 2, zipped);
                Directory.Delete(warmup, recursive: true);
            }

            var readings = new List<ScaleReading>();
            foreach (var scale in settings.ScaleList)
            {
                foreach (var zipped in new[] { true, false })
                {
                    var folder = Path.Combine(work, $"read-{scale.ToString(CultureInfo.InvariantCulture)}x-{(zipped ? "zips" : "unzipped")}");
                    AnsiConsole.MarkupLine($"[dim]writing {scale}x the sample ({(zipped ? "zips" : "unzipped")}) to {Markup.Escape(folder)}[/]");
                    LidDsScaleBenchmark.WriteReadingScenario(sample, folder, scale, zipped);
                    var reading = LidDsScaleBenchmark.MeasureReading(folder, scale, zipped);
                    readings.Add(reading);
                    AnsiConsole.MarkupLine($"[dim]read {reading.Lines:N0} lines in {reading.Cost.Elapsed.TotalSeconds:0.00} s[/]");
                    Directory.Delete(folder, recursive: true);
                }
            }

            ScaleRun? run = null;
            if (settings.RunEvents > 0)
            {
                var folder = Path.Combine(work, "run");
                AnsiConsole.MarkupLine($"[dim]writing a scenario of about {settings.RunEvents:N0} event lines to {Markup.Escape(folder)}[/]");
                var (scenario, recordings, lines) = AnsiConsole.Status().Start("writing", status =>
                    LidDsScaleBenchmark.WriteRunScenario(sample, folder, settings.RunEvents,
                        new Progress<string>(line => status.Status(Markup.Escape(line)))));
                run = ProgressDisplay.Run(observer =>
                    LidDsScaleBenchmark.MeasureRun(config, scenario, lines, recordings, Path.Combine(work, "results"), observer));
                Directory.Delete(folder, recursive: true);
            }

            Show(machine, readings, run, sample.Lines.Count);
            if (settings.Json is not null)
            {
                JsonFile.Save(new { date = DateTimeOffset.UtcNow, command = commandLine, machine, sample_lines = sample.Lines.Count, readings, run }, settings.Json);
                AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(settings.Json)}[/]");
            }

            return CliApp.ExitOk;
        }
        finally
        {
            if (settings.Work is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static void Show(BenchmarkMachine machine, IReadOnlyList<ScaleReading> readings, ScaleRun? run, int sampleLines)
    {
        AnsiConsole.MarkupLine($"machine: {Markup.Escape(machine.Cpu)}, {machine.LogicalCores} logical cores, {Markup.Escape(machine.OperatingSystem)}, "
            + $"{Markup.Escape(machine.Runtime)}; {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"LID-DS reading on one thread: scenarios of k copies of the sample ({sampleLines:N0} lines each)")
            .AddColumns("scale", "storage", "recordings", "lines", ".sc MB", "seconds", "lines/s", "lines/CPU-s", "peak MB");
        foreach (var r in readings)
        {
            table.AddRow($"{r.Scale}x", r.Storage, r.Recordings.ToString(CultureInfo.InvariantCulture), Format(r.Lines, "N0"), Format(r.TextBytes / 1048576.0, "0.0"),
                Format(r.Cost.Elapsed.TotalSeconds, "0.00"), Format(r.LinesPerSecond, "N0"), Format(r.LinesPerCpuSecond, "N0"), Megabytes(r.Cost.PeakResidentGrowthBytes));
        }

        AnsiConsole.Write(table);
        if (run is not null)
        {
            AnsiConsole.MarkupLine($"whole run of {Markup.Escape(string.Join(", ", run.Detectors))} over {run.Lines:N0} event lines ({run.Calls:N0} calls fitted on and tested, "
                + $"{run.Recordings:N0} recordings), {run.Parallel} unit(s) at once, {machine.LogicalCores} cores: {run.Cost.Elapsed.TotalSeconds:0.0} s wall, "
                + $"{run.Cost.CpuTime.TotalSeconds:0.0} s CPU, peak {Megabytes(run.Cost.PeakResidentGrowthBytes)} MB above the start");
        }

        AnsiConsole.MarkupLine("[dim]lines/CPU-s: lines per second of the process's CPU time (hardly affected by other processes); peak MB: peak resident set size "
            + "during the phase minus the resident size at its start (n/a off Linux).[/]");
    }

    private static string Megabytes(long? bytes) => bytes is { } b ? Format(b / 1048576.0, "0.0") : "n/a";

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
