using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Core.Traces;
using SyscallBench.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>
/// One detector's score for every test trace in dataset order, attack traces in their own color, with the
/// threshold of the strictest operating point: the chart where an attack period stands out (or does not).
/// </summary>
/// <remarks>Traces have no timestamps in the datasets so far; dataset order is the time axis.</remarks>
internal static class ScoreTimelineChart
{
    public static GenericChart Build(ReportRow row, IReadOnlyList<double> falseAlarmRates)
    {
        var indexed = row.Result.Scores.Select((s, i) => (Index: i, Score: s)).ToArray();
        var normal = indexed.Where(p => p.Score.Label == TraceLabel.Normal).ToArray();
        var attack = indexed.Where(p => p.Score.Label == TraceLabel.Attack).ToArray();
        var charts = new List<GenericChart>
        {
            Chart.Point<int, double, string>(normal.Select(p => p.Index), normal.Select(p => p.Score.Score),
                Name: $"normal ({normal.Length})", MarkerColor: ChartStyle.Normal, Opacity: 0.6,
                MultiText: normal.Select(p => Text.Plotly(p.Score.TraceId)).ToArray()),
            Chart.Point<int, double, string>(attack.Select(p => p.Index), attack.Select(p => p.Score.Score),
                Name: $"attack ({attack.Length})", MarkerColor: ChartStyle.Attack, Opacity: 0.8,
                MultiText: attack.Select(p => Text.Plotly($"{p.Score.TraceId} [{p.Score.Family}]")).ToArray()),
        };

        // The threshold of the lowest false-alarm rate: everything above it would be an alert in production.
        var points = row.Result.Evaluation.OperatingPoints;
        var strictest = Enumerable.Range(0, points.Count).MinBy(i => falseAlarmRates[i]);
        var threshold = points[strictest].Threshold;
        charts.Add(Chart.Line<int, double, string>(
            new[] { 0, Math.Max(indexed.Length - 1, 0) }, new[] { threshold, threshold },
            Name: $"threshold at {Text.Percent(falseAlarmRates[strictest])} false alarms",
            LineColor: Color.fromHex("#333333"), LineDash: StyleParam.DrawingStyle.Dot, LineWidth: 1.5));

        return Chart.Combine(charts)
            .WithXAxisStyle<double, double, string>(TitleText: "test trace (dataset order)")
            .WithYAxisStyle<double, double, string>(TitleText: $"{row.Label} score");
    }
}
