using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Probes.Insights;
using SyscallBench.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>
/// The model's top next calls at one position as bars, with the call that actually came drawn over its
/// bar (or added as an extra bar when it is not among the top): "90% sure the next call is open" vs "it
/// was execve, at 0.3%".
/// </summary>
/// <remarks>Shown with barmode "overlay" so the actual call's bar covers its own top-k bar exactly.</remarks>
internal static class NextCallChart
{
    public const string LayoutPatch =
        """{"barmode":"overlay","yaxis":{"tickformat":".0%"},"legend":{"orientation":"h","x":0,"y":1.02,"yanchor":"bottom"},"margin":{"t":40,"r":20,"b":90,"l":70}}""";

    public static GenericChart Build(NextCallPosition position, Func<int, string> label)
    {
        var predicted = position.Top.Select(p => Category(p, label)).ToArray();
        var actualCategory = position.ActualUnknown ? Unknown : label(position.Actual);
        var categories = predicted.Contains(actualCategory) ? predicted : [.. predicted, actualCategory];
        // Each bar labelled with its probability: a call the model all but ruled out has no visible bar.
        var top = Chart.Column<double, string, string>(position.Top.Select(p => p.Probability).ToArray(), predicted,
            Name: $"top {position.Top.Count} predicted next calls", MarkerColor: ChartStyle.Normal,
            MultiText: position.Top.Select(p => Text.Percent(p.Probability)).ToArray(), TextPosition: StyleParam.TextPosition.Outside);
        var actual = Chart.Column<double, string, string>(new[] { position.ActualProbability }, new[] { actualCategory },
            Name: $"actual call (rank {position.ActualRank})", MarkerColor: ChartStyle.Attack,
            Text: Text.Percent(position.ActualProbability), TextPosition: StyleParam.TextPosition.Outside);
        return Chart.Combine([top, actual])
            .WithXAxisStyle<double, double, string>(TitleText: $"next call at position {position.Position}", CategoryOrder: StyleParam.CategoryOrder.Array,
                CategoryArray: categories)
            // Up to 110%: room above a near-certain bar for its label (the ticks stop at 100%).
            .WithYAxisStyle<double, double, string>(TitleText: "model probability", MinMax: Tuple.Create(0.0, 1.1));
    }

    public const string Unknown = "unknown (unseen in training)";

    private static string Category(NextCallProbability probability, Func<int, string> label) =>
        probability.Syscall is { } syscall ? label(syscall) : Unknown;
}
