using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>Precision-recall curves of all detectors overlaid, with the attack prevalence as the chance level.</summary>
internal static class PrecisionRecallChart
{
    public static GenericChart Build(IReadOnlyList<ReportRow> rows)
    {
        var curves = rows.Select(row =>
        {
            var pr = row.Result.Evaluation.PrecisionRecall;
            return Chart.Line<double, double, string>(
                pr.Recalls, pr.Precisions,
                Name: Text.Plotly($"{row.Label} (AP {Text.Fixed(pr.AveragePrecision)})"),
                LineColor: ChartStyle.Detector(row.ColorIndex),
                LineWidth: 2.0);
        }).ToList();

        // A detector that flags at random has precision equal to the share of attacks among test traces.
        var evaluation = rows[0].Result.Evaluation;
        var prevalence = (double)evaluation.AttackCount / (evaluation.AttackCount + evaluation.NormalCount);
        curves.Add(Chart.Line<double, double, string>(
            new[] { 0.0, 1.0 }, new[] { prevalence, prevalence }, Name: $"chance (attack share {Text.Percent(prevalence)})",
            LineColor: ChartStyle.Reference, LineDash: StyleParam.DrawingStyle.Dash, LineWidth: 1.0));

        return Chart.Combine(curves)
            .WithXAxisStyle<double, double, string>(TitleText: "recall (detection rate)", MinMax: Tuple.Create(0.0, 1.0))
            .WithYAxisStyle<double, double, string>(TitleText: "precision (attacks among flagged traces)", MinMax: Tuple.Create(0.0, 1.02));
    }
}
