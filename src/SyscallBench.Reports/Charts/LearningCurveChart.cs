using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Core.Results;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>One learning-curve point of one detector, aggregated over the runs at that size (base splits x seeds).</summary>
internal sealed record LearningCurveSummary(string Detector, int TrainTraces, int Runs, double RocAuc, double? Lower, double? Upper)
{
    /// <summary>
    /// Per detector and training size: the mean ROC AUC; band: the bootstrap CI with one run, the range
    /// (min to max) of the runs' AUCs with several (re-splits, seeds). Ordered by detector (run order), size.
    /// </summary>
    public static IReadOnlyList<LearningCurveSummary> Of(RunResult result) =>
        result.Summary.LearningCurve
            .GroupBy(p => (p.Result.Detector, p.TrainTraces))
            .Select(g =>
            {
                var runs = g.Select(p => p.Result.Evaluation).ToArray();
                return runs.Length == 1
                    ? new LearningCurveSummary(g.Key.Detector, g.Key.TrainTraces, 1, runs[0].RocAuc, runs[0].RocAucCi?.Lower, runs[0].RocAucCi?.Upper)
                    : new LearningCurveSummary(g.Key.Detector, g.Key.TrainTraces, runs.Length, runs.Average(r => r.RocAuc),
                        runs.Min(r => r.RocAuc), runs.Max(r => r.RocAuc));
            })
            .ToArray();
}

/// <summary>ROC AUC against the number of training traces, one line per detector, its band dotted in the same color.</summary>
internal static class LearningCurveChart
{
    public static GenericChart Build(IReadOnlyList<LearningCurveSummary> points, IReadOnlyList<string> detectorOrder)
    {
        var charts = new List<GenericChart>();
        foreach (var group in points.GroupBy(p => p.Detector))
        {
            var color = ChartStyle.Detector(Math.Max(0, detectorOrder.ToList().IndexOf(group.Key)));
            var line = group.OrderBy(p => p.TrainTraces).ToArray();
            var sizes = line.Select(p => p.TrainTraces).ToArray();
            charts.Add(Chart.Line<int, double, string>(sizes, line.Select(p => p.RocAuc), ShowMarkers: true, Name: group.Key,
                LineColor: color, LineWidth: 2.0));
            if (line.All(p => p.Lower is not null && p.Upper is not null))
            {
                foreach (var bound in new[] { line.Select(p => p.Lower!.Value), line.Select(p => p.Upper!.Value) })
                {
                    charts.Add(Chart.Line<int, double, string>(sizes, bound, Name: group.Key + " band", ShowLegend: false,
                        LineColor: color, LineWidth: 1.0, LineDash: StyleParam.DrawingStyle.Dot));
                }
            }
        }

        return Chart.Combine(charts)
            .WithXAxisStyle<double, double, string>(TitleText: "training traces", AxisType: StyleParam.AxisType.Log)
            .WithYAxisStyle<double, double, string>(TitleText: "ROC AUC");
    }
}
