using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>
/// over_time.json, on recordings judged over time: per detector result its whole time-aware evaluation (every budget with
/// its latencies, the detection-vs-false-alarms curve, and the timelines the report draws with their explained windows).
/// Read back by <see cref="RunResultReader"/>, so `report` redraws the timeline. Nothing is written for other datasets.
/// </summary>
public sealed class OverTimeJsonExporter : IResultExporter
{
    public const string FileName = RunFolder.OverTimeFileName;

    public string Name => FileName;

    public void Export(RunResult result, string directory)
    {
        if (!result.Detectors.Any(r => r.OverTime is not null))
        {
            return;
        }

        JsonFile.Save(new OverTimeFile(result.Config.Name, result.RunId, Rules,
            result.Detectors.Where(r => r.OverTime is not null)
                .Select(r => new OverTimeFile.Result(r.Detector, r.Type, r.Seed, r.Split, r.OverTime!)).ToArray()),
            Path.Combine(directory, FileName));
    }

    /// <summary>How the numbers were made, written into the file beside them.</summary>
    public const string Rules =
        "thresholds from validation recordings only: for a budget of B false alarms per hour, the smallest validation window score with at most B "
        + "validation windows per hour strictly above it (B = 0: the highest validation score, LID-DS's rule); a window alarms when it scores above "
        + "the threshold, at its end time; an attack recording is detected by its first alarm at or after the exploit start (latency = that alarm "
        + "minus the start; median and p90 as numpy.quantile); false alarms: alarms in normal recordings or before the exploit, per hour of that "
        + "normal time; cfa: runs of consecutive false alarms (LID-DS); precision_cfa = detected / (detected + cfa), f1_cfa with the detection rate";

    /// <summary>Only the numbers of each budget and the curve's area: metrics.json's per-detector over_time block.</summary>
    public static object Summary(OverTimeEvaluation evaluation) => new
    {
        window = evaluation.Window,
        threshold_source = evaluation.ThresholdSource,
        validation_recordings = evaluation.ValidationRecordings,
        validation_hours = evaluation.ValidationHours,
        test_recordings = evaluation.TestRecordings,
        normal_hours = evaluation.Default.Outcome.NormalHours,
        attack_recordings = evaluation.Default.Outcome.AttackRecordings,
        budgets = evaluation.Budgets.Select(b => new
        {
            false_alarms_per_hour_budget = b.Threshold.Budget,
            metrics = MetricNames.OverTimeMetrics.ToDictionary(m => m.Metric, m => m.Value(b)),
        }),
        curve_max_false_alarms_per_hour = evaluation.CurveMaxFalseAlarmsPerHour,
        curve_area = evaluation.CurveArea,
    };
}

/// <summary>The content of over_time.json.</summary>
public sealed record OverTimeFile(string Experiment, string RunId, string Rules, IReadOnlyList<OverTimeFile.Result> Results)
{
    /// <summary>One detector result's evaluation.</summary>
    public sealed record Result(string Detector, string Type, int Seed, string Split, OverTimeEvaluation OverTime);
}
