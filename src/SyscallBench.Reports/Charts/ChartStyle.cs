using Plotly.NET;

namespace SyscallBench.Reports.Charts;

/// <summary>Colors shared by every chart, so a detector has the same color everywhere in the report.</summary>
internal static class ChartStyle
{
    // Plotly's default qualitative colorway (D3 category10), spelled out so colors follow the detector
    // order of the run, not the order of traces within one chart.
    private static readonly string[] DetectorColors =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static Color Detector(int index) => Color.fromHex(DetectorHex(index));

    /// <summary>The same color as a CSS hex string, for trace attributes set directly.</summary>
    public static string DetectorHex(int index) => DetectorColors[index % DetectorColors.Length];

    public static Color Normal { get; } = Color.fromHex("#4c78a8");

    public static Color Attack { get; } = Color.fromHex("#e45756");

    public static Color Reference { get; } = Color.fromHex("#9e9e9e");

    /// <summary>Dashes for the operating-point threshold lines, one per false-alarm rate.</summary>
    public static StyleParam.DrawingStyle ThresholdDash(int index) => (index % 4) switch
    {
        0 => StyleParam.DrawingStyle.Dot,
        1 => StyleParam.DrawingStyle.Dash,
        2 => StyleParam.DrawingStyle.DashDot,
        _ => StyleParam.DrawingStyle.LongDash,
    };
}
