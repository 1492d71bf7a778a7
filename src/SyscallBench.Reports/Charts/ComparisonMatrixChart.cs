using Plotly.NET;
using SyscallBench.Core.Results;
using SyscallBench.Reports.Comparison;
using SyscallBench.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>
/// The paired comparisons as a matrix: cell (row r, column c) is r's ROC AUC minus c's, colored on a
/// diverging scale centered on 0, and labeled with the difference and its significance marks.
/// </summary>
internal static class ComparisonMatrixChart
{
    public static GenericChart Build(ComparisonMatrix matrix)
    {
        var names = matrix.Detectors.ToArray();
        var z = names.Select((_, r) => names.Select((_, c) => r == c ? 0.0 : matrix.Difference(r, c))).ToArray();
        var text = names.Select((_, r) => names.Select((_, c) => r == c ? "" : $"{Text.Signed(matrix.Difference(r, c))}{ComparisonText.Marks(matrix, r, c)}").ToArray()).ToArray();
        var hover = names.Select((row, r) => names.Select((column, c) => r == c ? row : ComparisonText.Hover(matrix, r, c)).ToArray()).ToArray();
        var largest = Math.Max(1e-6, z.SelectMany(row => row).Max(Math.Abs));
        var chart = Chart.Heatmap<double, string, string, string>(z, X: names, Y: names, ColorScale: StyleParam.Colorscale.RdBu, ReverseScale: true, ReverseYAxis: true);
        return TraceProperties.With(chart, new Dictionary<string, object>
        {
            ["zmin"] = -largest,
            ["zmax"] = largest,
            ["text"] = text,
            ["texttemplate"] = "%{text}",
            ["customdata"] = hover,
            ["hovertemplate"] = "%{customdata}<extra></extra>",
            ["colorbar"] = new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = "AUC row - column" } },
        });
    }
}
