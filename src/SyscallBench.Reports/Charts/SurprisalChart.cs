using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Core.Probes.Insights;
using SyscallBench.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>
/// A next-call predictor's surprisal along one trace (a line over call positions), the selected positions
/// marked: where the model was most surprised and where it was typically surprised.
/// </summary>
internal static class SurprisalChart
{
    /// <summary>The legend above the plot, so the line keeps the page's full width.</summary>
    public const string LayoutPatch = """{"legend":{"orientation":"h","x":0,"y":1.02,"yanchor":"bottom"},"margin":{"t":60,"r":20,"b":50,"l":70}}""";

    public static GenericChart Build(NextCallTrace trace, Color color, Func<int, string> label)
    {
        var positions = Enumerable.Range(trace.Start, trace.Calls.Length).ToArray();
        var hover = trace.Calls.Select((c, i) => $"call {positions[i]}: {label(c)}").ToArray();
        var charts = new List<GenericChart>
        {
            Chart.Line<int, double, string>(positions, trace.Surprisal, ShowMarkers: trace.Calls.Length <= 60,
                Name: "surprisal of each call", LineColor: color, LineWidth: 1.2, MultiText: hover),
        };
        foreach (var position in trace.Positions)
        {
            charts.Add(Chart.Point<int, double, string>(new[] { position.Position }, new[] { position.Surprisal },
                Name: $"{position.Kind}: {label(position.Actual)} at call {position.Position} ({Text.Fixed(position.Surprisal, 2)} nats)",
                MarkerColor: position.Kind == NextCallProbe.MaximumSurprisal ? ChartStyle.Attack : ChartStyle.Reference,
                MarkerSymbol: StyleParam.MarkerSymbol.Diamond,
                Text: label(position.Actual)));
        }

        return Chart.Combine(charts)
            .WithXAxisStyle<double, double, string>(TitleText: "call position in the trace")
            .WithYAxisStyle<double, double, string>(TitleText: "surprisal −ln p(call | calls before), nats");
    }
}
