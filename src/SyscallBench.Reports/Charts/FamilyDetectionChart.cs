using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>Per-attack-family detection rates at one operating point, as bars grouped by family, one bar per detector.</summary>
internal static class FamilyDetectionChart
{
    public static GenericChart Build(IReadOnlyList<ReportRow> rows, int operatingPoint)
    {
        var bars = rows.Select(row =>
        {
            var families = row.Result.Evaluation.Families;
            return Chart.Column<double, string, string>(
                families.Select(f => f.DetectionRates[operatingPoint]),
                families.Select(f => Text.Plotly($"{f.Family} ({f.Count})")).ToArray(),
                Name: Text.Plotly(row.Label),
                MarkerColor: ChartStyle.Detector(row.ColorIndex));
        });
        return Chart.Combine(bars)
            .WithXAxisStyle<double, double, string>(TitleText: "attack family (attack traces)")
            .WithYAxisStyle<double, double, string>(TitleText: "share of the family detected", MinMax: Tuple.Create(0.0, 1.0));
    }
}
