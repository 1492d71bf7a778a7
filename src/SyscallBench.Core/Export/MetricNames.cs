using System.Globalization;

namespace SyscallBench.Core.Export;

/// <summary>Column names shared by the CSV, JSON and console tables, so they never drift apart.</summary>
public static class MetricNames
{
    public static string DetectionAt(double falseAlarmRate) => $"dr_at_far_{Percent(falseAlarmRate)}";

    public static string AchievedFalseAlarmAt(double falseAlarmRate) => $"far_achieved_at_far_{Percent(falseAlarmRate)}";

    public static string ThresholdAt(double falseAlarmRate) => $"threshold_at_far_{Percent(falseAlarmRate)}";

    public static string FalseAlarmAtDetection(double detectionRate) => $"far_at_dr_{Percent(detectionRate)}";

    /// <summary>0.001 -> "0.1pct", 0.9 -> "90pct": readable in a spreadsheet header.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.###", CultureInfo.InvariantCulture) + "pct";
}
