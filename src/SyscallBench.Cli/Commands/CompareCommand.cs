using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.Results;
using SyscallBench.Core.Results.Runs;
using SyscallBench.Core.Running;
using SyscallBench.Reports.Comparison;

namespace SyscallBench.Cli.Commands;

public sealed class CompareSettings : CommandSettings
{
    [CommandArgument(0, "<RUN_A>")]
    [Description("The reference run folder (before your change).")]
    public string RunA { get; init; } = "";

    [CommandArgument(1, "<RUN_B>")]
    [Description("The run folder to compare with it (after your change); differences are B minus A.")]
    public string RunB { get; init; } = "";

    [CommandOption("--html <FILE>")]
    [Description("Also write the comparison as an HTML page (default: none).")]
    public string? Html { get; init; }
}

/// <summary>
/// `compare RUN_A RUN_B`: what differs between two runs (config, dataset, code, machine), each detector's metrics
/// in both, and, where both scored the same test traces, paired tests of each detector's ROC AUC across the runs.
/// </summary>
public sealed class CompareCommand : Command<CompareSettings>
{
    public override int Execute(CommandContext context, CompareSettings settings, CancellationToken cancellationToken)
    {
        var reader = new RunResultReader(DetectorCatalog.ConfigReader(), DetectorCatalog.Probes);
        var comparison = RunComparison.Of(reader.Read(settings.RunA), reader.Read(settings.RunB));
        Write(comparison);
        if (settings.Html is { } html)
        {
            AtomicFile.WriteText(html, RunComparisonPage.Render(comparison));
            AnsiConsole.MarkupLine($"page: {Markup.Escape(html)}");
        }

        return CliApp.ExitOk;
    }

    private static void Write(RunComparison comparison)
    {
        AnsiConsole.MarkupLine($"A: [bold]{Markup.Escape(comparison.A.Config.Name)}[/] {Markup.Escape(comparison.A.RunId)}");
        AnsiConsole.MarkupLine($"B: [bold]{Markup.Escape(comparison.B.Config.Name)}[/] {Markup.Escape(comparison.B.RunId)}");
        if (comparison.Provenance.Count == 0)
        {
            AnsiConsole.WriteLine("Same experiment, config, dataset, seeds, code, runtime, packages and machine.");
        }
        else
        {
            var differences = new Table().Title("what differs").AddColumns("", "A", "B");
            foreach (var difference in comparison.Provenance)
            {
                differences.AddRow(Markup.Escape(difference.What), Markup.Escape(difference.A), Markup.Escape(difference.B));
            }

            AnsiConsole.Write(differences);
        }

        var evaluation = comparison.A.Config.Evaluation;
        var metrics = new Table().Title("metrics, A / B (B - A)").AddColumns("detector", "split, seed", "ROC AUC", "avg precision");
        foreach (var rate in evaluation.FalseAlarmRates)
        {
            metrics.AddColumn($"DR@{rate.ToString("0.###%", System.Globalization.CultureInfo.InvariantCulture)}");
        }

        metrics.AddColumn($"FAR@{evaluation.DetectionRate.ToString("0%", System.Globalization.CultureInfo.InvariantCulture)} DR");
        foreach (var detector in comparison.Detectors)
        {
            metrics.AddRow([Markup.Escape(detector.Detector), Markup.Escape($"{detector.Split}, {detector.Seed}"),
                .. RunComparisonMetrics.Of(detector, evaluation.FalseAlarmRates.Length).Select(Markup.Escape)]);
        }

        AnsiConsole.Write(metrics);
        var tested = comparison.Detectors.Where(d => d.Test is not null).ToArray();
        if (tested.Length > 0)
        {
            var tests = new Table().Title("paired tests of the ROC AUC, B - A, on the same test traces (Holm over the detectors)")
                .AddColumns("detector", "split, seed", "diff", "DeLong p", "p (Holm)", "bootstrap 95% CI", "bootstrap p (Holm)");
            foreach (var detector in tested)
            {
                var test = detector.Test!;
                tests.AddRow(Markup.Escape(detector.Detector), Markup.Escape($"{detector.Split}, {detector.Seed}"), Number(test.Difference, "+0.0000;-0.0000;0"),
                    P(test.DeLong.PValue), P(test.DeLongPHolm),
                    test.Bootstrap is { } b ? Markup.Escape($"[{Number(b.Interval.Lower, "+0.0000;-0.0000;0")}, {Number(b.Interval.Upper, "+0.0000;-0.0000;0")}]") : "off",
                    test.BootstrapPHolm is { } p ? (p == 0 ? $"< {Number(1.0 / test.Bootstrap!.Resamples, "G2")}" : P(p)) : "off");
            }

            AnsiConsole.Write(tests);
        }
        else
        {
            AnsiConsole.WriteLine("No paired tests: no detector was scored on the same test traces in both runs.");
        }

        foreach (var untested in comparison.Detectors.Where(d => d.WhyNoTest is not null))
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(untested.Detector)}[/] ({Markup.Escape(untested.Split)}, seed {untested.Seed}): no paired test: {Markup.Escape(untested.WhyNoTest!)}.");
        }
    }

    private static string Number(double value, string format) => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    private static string P(double p) => p >= 0.001 ? Number(p, "0.000") : Number(p, "0.0e+00");
}
