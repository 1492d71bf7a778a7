using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Reports.Sweeps;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>One metric against a swept parameter: a line with error bars per sweep family.</summary>
internal static class SweepChart
{
    public static GenericChart Build(SweepPlot plot, Func<SweepPoint, SweepValue> metric, string metricName)
    {
        var lines = plot.Lines.Select((line, i) =>
        {
            var values = line.Points.Select(metric).ToArray();
            var chart = plot.Numeric
                ? Chart.Line<double, double, string>(line.Points.Select(p => double.Parse(p.Value, CultureInfo.InvariantCulture)), values.Select(v => v.Estimate),
                    ShowMarkers: true, Name: line.Name, LineColor: ChartStyle.Detector(i), MarkerColor: ChartStyle.Detector(i))
                : Chart.Line<string, double, string>(line.Points.Select(p => p.Value), values.Select(v => v.Estimate),
                    ShowMarkers: true, Name: line.Name, LineColor: ChartStyle.Detector(i), MarkerColor: ChartStyle.Detector(i));
            return TraceProperties.With(chart, new Dictionary<string, object>
            {
                ["error_y"] = new Dictionary<string, object>
                {
                    ["type"] = "data",
                    ["symmetric"] = false,
                    ["array"] = values.Select(v => v.Upper - v.Estimate).ToArray(),
                    ["arrayminus"] = values.Select(v => v.Estimate - v.Lower).ToArray(),
                    ["color"] = ChartStyle.DetectorHex(i),
                },
            });
        });
        return Chart.Combine(lines)
            .WithXAxisStyle<double, double, string>(TitleText: plot.Parameter)
            .WithYAxisStyle<double, double, string>(TitleText: metricName);
    }
}
