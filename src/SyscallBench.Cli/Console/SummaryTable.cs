using System.Globalization;
using Spectre.Console;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running.Sharding;

namespace SyscallBench.Cli.Console;

/// <summary>
/// The end-of-run table: ROC AUC and AP with CIs, detection at each false-alarm rate, times. With
/// several seeds, one row per detector with mean ± standard deviation over seeds (per-seed rows are in
/// metrics.csv). Below it, what each select: chose (<see cref="SelectionLines"/>).
/// </summary>
public static class SummaryTable
{
    public static void Write(RunResult result)
    {
        if (ShardNote.Of(result) is { } partial)
        {
            // A shard's table covers some detectors on some units: said before the numbers, so they are not read as the run's.
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(partial)}[/]");
        }

        if (result.HasRepeats)
        {
            WriteSeedSummary(result);
            WriteOverTime(result);
            SelectionLines.Write(result);
            return;
        }

        var evaluation = result.Config.Evaluation;
        var multipleSeeds = result.Config.Seeds.Count > 1;
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(Title(result))
            .Caption(evaluation.BootstrapResamples > 0
                ? $"[[{Format(evaluation.ConfidenceLevel * 100, "0")}% bootstrap CI, {evaluation.BootstrapResamples} resamples{ClusterNote(result)}]]; DR@x = detection rate at false-alarm rate x, threshold from normal scores (achieved FAR in metrics.csv)"
                : "DR@x = detection rate at false-alarm rate x, threshold from normal scores (achieved FAR in metrics.csv)");
        AddMetricColumns(table, evaluation, evaluation.TestSet);
        table.AddColumn(new TableColumn("score s").RightAligned());

        foreach (var row in result.Detectors)
        {
            var e = row.Evaluation;
            var cells = new List<string>
            {
                Markup.Escape(row.Label(multipleSeeds)),
                WithInterval(e.RocAuc, e.RocAucCi?.Lower, e.RocAucCi?.Upper),
                WithInterval(e.AveragePrecision, e.AveragePrecisionCi?.Lower, e.AveragePrecisionCi?.Upper),
            };
            cells.AddRange(row.OtherTestSets.Select(o => WithInterval(o.RocAuc, o.RocAucCi?.Lower, o.RocAucCi?.Upper)));
            cells.AddRange(e.OperatingPoints.Select(p => Format(p.DetectionRate, "0.000")));
            cells.Add(Format(e.FalseAlarmAtDetection.FalseAlarmRate, "0.000"));
            cells.Add(Format(row.FitTime.TotalSeconds, "0.00"));
            cells.Add(Format(row.ScoreTime.TotalSeconds, "0.00"));
            table.AddRow(cells.ToArray());
        }

        AnsiConsole.Write(table);
        WriteOverTime(result);
        SelectionLines.Write(result);
    }

    /// <summary>
    /// On recordings judged over time, one row per result at the first (default) false-alarm budget: detection rate,
    /// latency, false alarms per hour and LID-DS's consecutive false alarms, precision and F1; every budget is in metrics.csv.
    /// </summary>
    private static void WriteOverTime(RunResult result)
    {
        var rows = result.Detectors.Where(r => r.OverTime is not null).ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        var first = rows[0].OverTime!;
        var budget = first.Default.Threshold.Budget;
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"over time: {first.Default.Outcome.AttackRecordings} attack recordings, {Duration(first.Default.Outcome.NormalHours)} of normal behaviour, windows of {Markup.Escape(first.Window)}")
            .Caption((budget == 0
                    ? "thresholds: the highest validation window score (LID-DS's rule)"
                    : $"thresholds: at most {Format(budget, "0.###")} false alarms per hour on validation")
                + $" from {Markup.Escape(first.ThresholdSource)}; other budgets in metrics.csv, curve and timelines in report.html");
        table.AddColumns("detector", "detection", "latency median s", "latency p90 s", "false alarms / h", "CFA", "precision (CFA)", "F1 (CFA)",
            $"curve area to {Format(first.CurveMaxFalseAlarmsPerHour, "0.##")}/h");
        var multipleSeeds = result.Config.Seeds.Count > 1;
        foreach (var row in rows)
        {
            var o = row.OverTime!.Default.Outcome;
            table.AddRow(Markup.Escape(row.Label(multipleSeeds)), $"{Format(o.DetectionRate, "0.000")} ({o.Detected}/{o.AttackRecordings})",
                o.LatencyMedian is { } median ? Format(median, "0.00") : "n/a", o.LatencyP90 is { } p90 ? Format(p90, "0.00") : "n/a",
                Format(o.FalseAlarmsPerHour, "0.##"), o.ConsecutiveFalseAlarms.ToString(CultureInfo.InvariantCulture),
                Format(o.PrecisionCfa, "0.000"), Format(o.F1Cfa, "0.000"), Format(row.OverTime.CurveArea, "0.000"));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Hours as "2.5 h", "12.3 min" or "3.1 s", whichever reads best.</summary>
    private static string Duration(double hours) =>
        hours >= 1 ? $"{Format(hours, "0.##")} h" : hours * 60 >= 1 ? $"{Format(hours * 60, "0.#")} min" : $"{Format(hours * 3600, "0.#")} s";

    private static void WriteSeedSummary(RunResult result)
    {
        var evaluation = result.Config.Evaluation;
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(Title(result))
            .Caption($"mean ± standard deviation over seeds ({string.Join(", ", result.Config.Seeds)}) and re-splits (runs: column n; a deterministic detector runs once per split); " +
                     "per-run rows with bootstrap CIs in metrics.csv, this table in seed_summary.csv");
        AddMetricColumns(table, evaluation, evaluation.TestSet[..1]);
        foreach (var summary in result.Summary.SeedSummaries)
        {
            var cells = new List<string> { $"{Markup.Escape(summary.Detector)} (n={summary.Seeds})", Spread(summary.RocAuc), Spread(summary.AveragePrecision) };
            cells.AddRange(summary.DetectionRates.Select(Spread));
            cells.Add(Spread(summary.FalseAlarmAtDetection));
            cells.Add(Format(summary.FitSeconds.Mean, "0.00"));
            table.AddRow(cells.ToArray());
        }

        AnsiConsole.Write(table);
    }

    /// <summary>
    /// The columns both tables share: detector, AUC, AP, the AUC on each other test set, DR at each false-alarm rate,
    /// FAR at the detection rate, fit time. The first of <paramref name="testSets"/> is the main columns' test set.
    /// </summary>
    private static void AddMetricColumns(Table table, Core.Evaluation.EvaluationOptions evaluation, IReadOnlyList<string> testSets)
    {
        table.AddColumn("detector");
        table.AddColumn(new TableColumn(testSets[0] == "all" ? "ROC AUC" : $"ROC AUC ({testSets[0]})").RightAligned());
        table.AddColumn(new TableColumn("avg precision").RightAligned());
        foreach (var other in testSets.Skip(1))
        {
            table.AddColumn(new TableColumn($"ROC AUC ({Markup.Escape(other)})").RightAligned());
        }

        foreach (var rate in evaluation.FalseAlarmRates)
        {
            table.AddColumn(new TableColumn($"DR@{Format(rate * 100, "0.###")}%").RightAligned());
        }

        table.AddColumn(new TableColumn($"FAR@{Format(evaluation.DetectionRate * 100, "0.#")}%DR").RightAligned());
        table.AddColumn(new TableColumn("fit s").RightAligned());
    }

    /// <summary>The experiment and the dataset's own split; with drawn splits, how many (their sizes are in splits/).</summary>
    private static string Title(RunResult result)
    {
        var dataset = result.Dataset;
        var title = $"[bold]{Markup.Escape(result.Config.Name)}[/] on {Markup.Escape(dataset.Name)}: " +
                    $"{dataset.TrainTraces} train, {dataset.TestNormalTraces} normal + {dataset.TestAttackTraces} attack test traces";
        var drawn = result.Splits.Count(s => s.Name != Core.Splits.DataSplit.Official);
        return drawn == 0 ? title : $"{title} (as the dataset splits them); evaluated on {drawn} drawn split(s), see splits/";
    }

    /// <summary>Says when some interval resampled groups of identical test traces rather than single traces.</summary>
    private static string ClusterNote(RunResult result) =>
        result.Detectors.SelectMany(r => r.OtherTestSets.Prepend(r.Evaluation)).Any(e => e.BootstrapUnit == Core.Evaluation.BootstrapUnit.Cluster)
            ? ", resampling groups of identical test traces (cluster bootstrap)"
            : "";

    private static string Spread(MeanAndSpread value) =>
        $"{Format(value.Mean, "0.000")} ± {Format(value.StandardDeviation, "0.000")}";

    private static string WithInterval(double value, double? lower, double? upper) =>
        lower is null || upper is null
            ? Format(value, "0.000")
            : $"{Format(value, "0.000")}\n[dim][[{Format(lower.Value, "0.000")}, {Format(upper.Value, "0.000")}]][/]";

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
