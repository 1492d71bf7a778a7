using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>ROC curves of all detectors overlaid, on a linear and on a log false-alarm axis.</summary>
internal static class RocCharts
{
    public static GenericChart Linear(IReadOnlyList<ReportRow> rows)
    {
        var curves = rows.Select(Curve).Append(Chance(0));
        return Chart.Combine(curves)
            .WithXAxisStyle<double, double, string>(TitleText: "false-alarm rate (normal traces flagged)", MinMax: Tuple.Create(0.0, 1.0))
            .WithYAxisStyle<double, double, string>(TitleText: "detection rate (attack traces flagged)", MinMax: Tuple.Create(0.0, 1.02));
    }

    /// <summary>
    /// The low-false-alarm region that decides deployability. Points at false-alarm rate 0 cannot be drawn
    /// on a log axis; the axis starts one decade below the smallest possible non-zero rate (1 / normals).
    /// </summary>
    public static GenericChart Log(IReadOnlyList<ReportRow> rows)
    {
        var normals = rows.Max(r => r.Result.Evaluation.NormalCount);
        var lowest = Math.Floor(Math.Log10(1.0 / Math.Max(normals, 1)));
        var curves = rows.Select(Curve).Append(Chance(Math.Pow(10, lowest)));
        // A log axis takes its range in powers of ten.
        return Chart.Combine(curves)
            .WithXAxisStyle<double, double, string>(TitleText: "false-alarm rate (log scale)", AxisType: StyleParam.AxisType.Log,
                MinMax: Tuple.Create(lowest, 0.0))
            .WithYAxisStyle<double, double, string>(TitleText: "detection rate", MinMax: Tuple.Create(0.0, 1.02));
    }

    private static GenericChart Curve(ReportRow row)
    {
        var roc = row.Result.Evaluation.Roc;
        return Chart.Line<double, double, string>(
            roc.FalsePositiveRates, roc.TruePositiveRates,
            Name: Text.Plotly($"{row.Label} (AUC {Text.Fixed(roc.Auc)})"),
            LineColor: ChartStyle.Detector(row.ColorIndex),
            LineWidth: 2.0);
    }

    private static GenericChart Chance(double from) =>
        Chart.Line<double, double, string>(
            new[] { from, 1.0 }, new[] { from, 1.0 }, Name: "chance", LineColor: ChartStyle.Reference,
            LineDash: StyleParam.DrawingStyle.Dash, LineWidth: 1.0);
}
