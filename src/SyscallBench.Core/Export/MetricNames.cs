using System.Globalization;

namespace SyscallBench.Core.Export;

/// <summary>Column names shared by the CSV, JSON and console tables, so they never drift apart.</summary>
public static class MetricNames
{
    public static string DetectionAt(double falseAlarmRate) => $"dr_at_far_{Percent(falseAlarmRate)}";

    public static string AchievedFalseAlarmAt(double falseAlarmRate) => $"far_achieved_at_far_{Percent(falseAlarmRate)}";

    public static string ThresholdAt(double falseAlarmRate) => $"threshold_at_far_{Percent(falseAlarmRate)}";

    public static string FalseAlarmAtDetection(double detectionRate) => $"far_at_dr_{Percent(detectionRate)}";

    /// <summary>
    /// A time-aware metric at a false-alarm budget (false alarms per hour on validation): "time_detection_rate_at_fah_0"; budget 0
    /// is LID-DS's highest-validation-score threshold.
    /// </summary>
    public static string OverTime(string metric, double budget) => $"time_{metric}_at_fah_{budget.ToString("0.###", CultureInfo.InvariantCulture)}";

    /// <summary>The area of the detection-vs-false-alarms-per-hour curve up to a budget, divided by it: "time_curve_area_to_fah_10".</summary>
    public static string CurveArea(double maxFalseAlarmsPerHour) => $"time_curve_area_to_fah_{maxFalseAlarmsPerHour.ToString("0.###", CultureInfo.InvariantCulture)}";

    /// <summary>The time-aware metrics of each budget, in column order, with how each reads from a budget's result.</summary>
    public static IReadOnlyList<(string Metric, Func<Evaluation.OverTime.BudgetResult, double?> Value)> OverTimeMetrics { get; } =
    [
        ("threshold", b => b.Threshold.Value),
        ("validation_false_alarms_per_hour", b => b.Threshold.ValidationFalseAlarmsPerHour),
        ("detection_rate", b => b.Outcome.DetectionRate),
        ("latency_median_s", b => b.Outcome.LatencyMedian),
        ("latency_p90_s", b => b.Outcome.LatencyP90),
        ("false_alarms_per_hour", b => b.Outcome.FalseAlarmsPerHour),
        ("false_alarms", b => b.Outcome.FalseAlarms),
        ("cfa", b => b.Outcome.ConsecutiveFalseAlarms),
        ("precision_cfa", b => b.Outcome.PrecisionCfa),
        ("f1_cfa", b => b.Outcome.F1Cfa),
    ];

    /// <summary>0.001 -> "0.1pct", 0.9 -> "90pct": readable in a spreadsheet header.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.###", CultureInfo.InvariantCulture) + "pct";
}
