using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>Detection latencies at the default budget, one box (with every recording's point) per detector.</summary>
internal static class LatencyChart
{
    public static GenericChart Build(IReadOnlyList<ReportRow> rows)
    {
        var boxes = rows.Where(r => r.Result.OverTime is { } o && o.Default.Outcome.Latencies.Count > 0)
            .Select(r => Chart.BoxPlot<string, double, string>(
                Y: r.Result.OverTime!.Default.Outcome.Latencies.ToArray(),
                Name: $"{r.Label} ({r.Result.OverTime!.Default.Outcome.Detected} detected)",
                MarkerColor: ChartStyle.Detector(r.ColorIndex),
                BoxPoints: StyleParam.BoxPoints.All,
                Jitter: 0.4));
        return Chart.Combine(boxes)
            .WithYAxisStyle<double, double, string>(TitleText: "latency: first alarm after the exploit start (s)")
            .WithLegendStyle(Visible: false);
    }
}
