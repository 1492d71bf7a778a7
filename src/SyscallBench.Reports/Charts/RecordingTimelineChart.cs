using System.Globalization;
using System.Text.Json;
using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Reports.Html;
using SyscallBench.Reports.OverTime;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>
/// One recording over time: a row per detector (sharing the time axis) with its window scores, its threshold at the
/// default false-alarm budget (dashed), the windows above it as alarm markers, and its highest window labelled with the
/// syscalls that drove it; the exploit start is a red vertical line across all rows.
/// </summary>
internal static class RecordingTimelineChart
{
    public const int RowHeight = 190;

    public static GenericChart Build(DrawnRecording recording, Func<int, string> name)
    {
        var rows = recording.Timelines.Select(p =>
        {
            var (row, timeline) = p;
            var threshold = row.Result.OverTime!.Default.Threshold.Value;
            var color = ChartStyle.Detector(row.ColorIndex);
            var charts = new List<GenericChart>
            {
                // Points, not a line: windows of different streams alternate in time, and a line would zigzag between them.
                Chart.Point<double, double, string>(timeline.Times, timeline.Scores, Name: row.Label, MarkerColor: color, Opacity: 0.7, ShowLegend: false,
                    Marker: Marker(4)),
                Chart.Line<double, double, string>(new[] { timeline.Start, timeline.End }, new[] { threshold, threshold },
                    Name: $"{row.Label} threshold", LineColor: Color.fromHex("#333333"), LineDash: StyleParam.DrawingStyle.Dash, LineWidth: 1.0, ShowLegend: false),
            };
            var alarms = Enumerable.Range(0, timeline.Times.Count).Where(i => timeline.Scores[i] > threshold).ToArray();
            if (alarms.Length > 0)
            {
                charts.Add(Chart.Point<double, double, string>(alarms.Select(i => timeline.Times[i]), alarms.Select(i => timeline.Scores[i]),
                    Name: $"{row.Label} alarms", ShowLegend: false,
                    Marker: Marker(7, "#000000", "x")));
            }

            if (timeline.TopWindows.FirstOrDefault() is { } top)
            {
                var label = top.DrivingSyscalls.Count > 0
                    ? string.Join(" ", top.DrivingSyscalls.Select(name))
                    : top.UnseenSyscalls is { Count: > 0 } unseen ? "unseen: " + string.Join(" ", unseen.Select(name)) : "";
                if (label.Length > 0)
                {
                    charts.Add(Chart.Point<double, double, string>(new[] { top.End }, new[] { top.Score }, Name: $"{row.Label} top window",
                        MultiText: new[] { label }, TextPosition: StyleParam.TextPosition.TopRight, ShowLegend: false,
                        Marker: Marker(12, ChartStyle.DetectorHex(row.ColorIndex), "circle-open")));
                }
            }

            // Headroom above the highest point for the top window's label.
            var high = Math.Max(timeline.Scores.DefaultIfEmpty(0).Max(), threshold);
            var low = Math.Min(timeline.Scores.DefaultIfEmpty(0).Min(), threshold);
            var span = Math.Max(high - low, Math.Abs(high) * 0.1 + 1e-9);
            return Chart.Combine(charts)
                .WithYAxisStyle<double, double, string>(MinMax: Tuple.Create(low - 0.05 * span, high + 0.35 * span));
        }).ToArray();

        return Chart.Grid(rows, rows.Length, 1,
                SubPlotTitles: recording.Timelines.Select(p => $"{p.Row.Label} (threshold {Text.Score(p.Row.Result.OverTime!.Default.Threshold.Value)})").ToArray(),
                Pattern: StyleParam.LayoutGridPattern.Coupled, YGap: 0.35)
            .WithXAxisStyle<double, double, string>(TitleText: "seconds since the recording's first event");
    }

    /// <summary>
    /// A marker of a size (and color and symbol): Plotly.NET's Marker.init takes all its 34 options from C#, so the few
    /// needed are set on the dynamic object it is.
    /// </summary>
    private static Plotly.NET.TraceObjects.Marker Marker(int size, string? color = null, string? symbol = null)
    {
        var marker = new Plotly.NET.TraceObjects.Marker();
        marker.SetProperty("size", size);
        if (color is not null)
        {
            marker.SetProperty("color", color);
        }

        if (symbol is not null)
        {
            marker.SetProperty("symbol", symbol);
        }

        return marker;
    }

    /// <summary>The exploit start as a vertical line across every row (a layout shape, which Plotly.NET's C# API does not offer).</summary>
    public static string LayoutPatch(DrawnRecording recording) =>
        recording.First.AttackStart is { } start
            ? JsonSerializer.Serialize(new
            {
                // A shape's own label, not a layout annotation: the annotations are the rows' titles.
                shapes = new[]
                {
                    new
                    {
                        type = "line", xref = "x", yref = "paper", x0 = start, x1 = start, y0 = 0, y1 = 1, line = new { color = "#d62728", width = 2 },
                        label = new { text = "exploit start", textangle = 0, textposition = "end", xanchor = "left", yanchor = "top", font = new { color = "#d62728", size = 12 } },
                    },
                },
            })
            : "{}";

    public static string Caption(DrawnRecording recording) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{recording.Role}: {recording.Id}{(recording.First.Family is { } family ? $" ({family})" : "")}, {recording.First.End - recording.First.Start:0.#} s");
}
