using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Reports.Generalization;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>
/// The generalization answers side by side, one group of bars per detector (and held-out run): accepted the
/// never-seen run, flagged wrong successors, successor top-1, mean p(successor | run). All are shares in [0, 1].
/// </summary>
internal static class GeneralizationChart
{
    public static GenericChart Build(IReadOnlyList<GeneralizationSummary> summaries, bool severalRuns)
    {
        var keys = summaries.Select(s => severalRuns ? $"{s.Detector} ({s.Run} {s.Successor})" : s.Detector).ToArray();
        var measures = new (string Name, Func<GeneralizationSummary, double> Value)[]
        {
            ("seeds accepting the held-out run", s => s.AcceptedShare),
            ("wrong successors flagged", s => s.WrongFlaggedShare),
            ("wrong successors scored above the correct one", s => s.WrongAboveShare),
            ("seeds with the successor top-1", s => s.TopShare ?? 0),
            ("mean p(successor | run)", s => s.MeanProbability ?? 0),
        };
        var bars = measures.Select((m, i) => Chart.Column<double, string, string>(
            summaries.Select(m.Value).ToArray(), keys, Name: m.Name, MarkerColor: ChartStyle.Detector(i)));
        return Chart.Combine(bars)
            .WithXAxisStyle<double, double, string>(TitleText: "detector")
            .WithYAxisStyle<double, double, string>(TitleText: "share (over seeds)", MinMax: Tuple.Create(0.0, 1.0));
    }
}
