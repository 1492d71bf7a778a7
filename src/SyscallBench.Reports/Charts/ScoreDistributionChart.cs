using Plotly.NET;
using Plotly.NET.CSharp;
using SyscallBench.Core.Traces;
using SyscallBench.Reports.Html;
using Chart = Plotly.NET.CSharp.Chart;

namespace SyscallBench.Reports.Charts;

/// <summary>
/// One detector's score histogram, normal vs attack, each as a share of its own class (the classes differ
/// in size by an order of magnitude), with the operating-point thresholds drawn as vertical lines.
/// </summary>
/// <remarks>
/// Bins are computed here rather than by plotly.js so the page carries 2 x <see cref="Bins"/> numbers
/// instead of every score, and so the threshold lines can span exactly the tallest bar.
/// </remarks>
internal static class ScoreDistributionChart
{
    public const int Bins = 40;

    public static GenericChart Build(ReportRow row, IReadOnlyList<double> falseAlarmRates)
    {
        var scores = row.Result.Scores;
        var normal = scores.Where(s => s.Label == TraceLabel.Normal).Select(s => s.Score).ToArray();
        var attack = scores.Where(s => s.Label == TraceLabel.Attack).Select(s => s.Score).ToArray();
        var histogram = Histogram.Of(normal, attack, Bins);

        var charts = new List<GenericChart>
        {
            Chart.Column<double, double, string>(histogram.NormalShares, histogram.Centers,
                Name: $"normal ({normal.Length})", MarkerColor: ChartStyle.Normal, Opacity: 0.75),
            Chart.Column<double, double, string>(histogram.AttackShares, histogram.Centers,
                Name: $"attack ({attack.Length})", MarkerColor: ChartStyle.Attack, Opacity: 0.75),
        };

        var top = Math.Max(histogram.NormalShares.Concat(histogram.AttackShares).DefaultIfEmpty(0).Max(), 0.01);
        var points = row.Result.Evaluation.OperatingPoints;
        for (var i = 0; i < points.Count; i++)
        {
            var threshold = points[i].Threshold;
            charts.Add(Chart.Line<double, double, string>(
                new[] { threshold, threshold }, new[] { 0.0, top * 1.05 },
                Name: $"threshold at {Text.Percent(falseAlarmRates[i])} false alarms = {Text.Score(threshold)} (detects {Text.Percent(points[i].DetectionRate)})",
                LineColor: Color.fromHex("#333333"), LineDash: ChartStyle.ThresholdDash(i), LineWidth: 1.5));
        }

        return Chart.Combine(charts)
            .WithXAxisStyle<double, double, string>(TitleText: $"{row.Label} score (higher = more anomalous)")
            .WithYAxisStyle<double, double, string>(TitleText: "share of the class's traces");
    }

    /// <summary>Equal-width bins over the range of all scores; per-class shares sum to 1.</summary>
    internal sealed record Histogram(double[] Centers, double[] NormalShares, double[] AttackShares)
    {
        public static Histogram Of(double[] normal, double[] attack, int bins)
        {
            var all = normal.Concat(attack).ToArray();
            var low = all.Min();
            var high = all.Max();
            if (!(high > low))
            {
                // All scores equal: one bar at that score holds everything.
                return new Histogram([low], Shares(normal, low, 1.0, 1), Shares(attack, low, 1.0, 1));
            }

            var width = (high - low) / bins;
            var centers = Enumerable.Range(0, bins).Select(b => low + (b + 0.5) * width).ToArray();
            return new Histogram(centers, Shares(normal, low, width, bins), Shares(attack, low, width, bins));
        }

        private static double[] Shares(double[] values, double low, double width, int count)
        {
            var shares = new double[count];
            foreach (var value in values)
            {
                // The maximum lands in the last bin, not one past it.
                var bin = Math.Min((int)((value - low) / width), count - 1);
                shares[bin] += 1.0 / values.Length;
            }

            return shares;
        }
    }
}
