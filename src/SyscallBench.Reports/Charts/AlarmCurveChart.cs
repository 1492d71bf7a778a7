using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>
/// Detection rate against false alarms per hour over every threshold (the activity monitoring operating characteristic),
/// one step line per detector, with the point each detector's default-budget threshold (set on validation) reaches.
/// </summary>
internal static class AlarmCurveChart
{
    public static GenericChart Build(IReadOnlyList<ReportRow> rows, double maxFalseAlarmsPerHour)
    {
        var charts = new List<GenericChart>();
        foreach (var row in rows.Where(r => r.Result.OverTime is not null))
        {
            var overTime = row.Result.OverTime!;
            var curve = overTime.Curve;
            // The curve is a step function: DR(x) is the best detection with at most x false alarms per hour.
            var x = new List<double>();
            var y = new List<double>();
            for (var k = 0; k < curve.FalseAlarmsPerHour.Count; k++)
            {
                if (k > 0)
                {
                    x.Add(curve.FalseAlarmsPerHour[k]);
                    y.Add(curve.DetectionRates[k - 1]);
                }

                x.Add(curve.FalseAlarmsPerHour[k]);
                y.Add(curve.DetectionRates[k]);
            }

            x.Add(Math.Max(maxFalseAlarmsPerHour, x[^1]) * 2);
            y.Add(y[^1]);
            var color = ChartStyle.Detector(row.ColorIndex);
            charts.Add(Chart.Line<double, double, string>(x, y, Name: $"{row.Label} (area {Text.Fixed(overTime.CurveArea)})", LineColor: color, LineWidth: 2.0));
            var chosen = overTime.Default.Outcome;
            charts.Add(Chart.Point<double, double, string>(new[] { chosen.FalseAlarmsPerHour }, new[] { chosen.DetectionRate },
                Name: $"{row.Label} at its validation threshold", MarkerColor: color, MarkerSymbol: StyleParam.MarkerSymbol.Diamond, ShowLegend: false));
        }

        return Chart.Combine(charts)
            .WithXAxisStyle<double, double, string>(TitleText: "false alarms per hour of normal behaviour", MinMax: Tuple.Create(0.0, maxFalseAlarmsPerHour))
            .WithYAxisStyle<double, double, string>(TitleText: "detection rate (attack recordings)", MinMax: Tuple.Create(0.0, 1.02));
    }
}
