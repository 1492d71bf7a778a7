using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Reports.Dataset;
using SyscallBench.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>The dataset overview's charts: trace lengths, syscall frequencies, n-gram novelty.</summary>
internal static class DatasetCharts
{
    /// <summary>Box plot of trace lengths per split and attack family, on a log axis (lengths span orders of magnitude).</summary>
    public static GenericChart Lengths(DatasetOverview overview)
    {
        var boxes = overview.Lengths
            .Where(g => g.Count > 0)
            .Select(g => Chart.BoxPlot<string, int, string>(
                Y: g.Lengths.ToArray(),
                Name: Text.Plotly($"{g.Group} ({g.Count})"),
                MarkerColor: g.Group == TraceLengthGroup.Train ? ChartStyle.Reference
                    : g.Group == TraceLengthGroup.TestNormal ? ChartStyle.Normal : ChartStyle.Attack));
        return Chart.Combine(boxes)
            .WithYAxisStyle<double, double, string>(TitleText: "calls per trace (log scale)", AxisType: StyleParam.AxisType.Log)
            .WithLegendStyle(Visible: false);
    }

    /// <summary>The top syscalls' shares of all calls in each split, grouped by syscall.</summary>
    public static GenericChart Syscalls(DatasetOverview overview, Func<int, string> label)
    {
        var names = overview.TopSyscalls.Select(f => label(f.Syscall)).ToArray();
        GenericChart Split(string name, Func<SyscallFrequency, double> share, Color color) =>
            Chart.Column<double, string, string>(overview.TopSyscalls.Select(share), names, Name: name, MarkerColor: color);

        return Chart.Combine(
            [
                Split("train", f => f.TrainShare, ChartStyle.Reference),
                Split("test normal", f => f.TestNormalShare, ChartStyle.Normal),
                Split("test attack", f => f.TestAttackShare, ChartStyle.Attack),
            ])
            // Category axis: syscall numbers shown as labels must not be placed on a numeric axis.
            .WithXAxisStyle<double, double, string>(TitleText: "syscall", AxisType: StyleParam.AxisType.Category)
            .WithYAxisStyle<double, double, string>(TitleText: "share of the split's calls");
    }

    /// <summary>Share of test windows whose n-gram never occurs in training, normal vs attack, by n.</summary>
    public static GenericChart Novelty(DatasetOverview overview)
    {
        var n = overview.Novelty.Select(r => r.N).ToArray();
        return Chart.Combine(
            [
                Chart.Line<int, double, string>(n, overview.Novelty.Select(r => r.NormalUnseenShare),
                    ShowMarkers: true, Name: "test normal", LineColor: ChartStyle.Normal, LineWidth: 2.0),
                Chart.Line<int, double, string>(n, overview.Novelty.Select(r => r.AttackUnseenShare),
                    ShowMarkers: true, Name: "test attack", LineColor: ChartStyle.Attack, LineWidth: 2.0),
            ])
            .WithXAxisStyle<double, double, string>(TitleText: "n-gram length n")
            .WithYAxisStyle<double, double, string>(TitleText: "share of test n-grams never seen in training", MinMax: Tuple.Create(0.0, 1.0));
    }
}
