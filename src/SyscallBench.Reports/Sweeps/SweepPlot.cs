using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Results;

namespace SyscallBench.Reports.Sweeps;

/// <summary>A metric at one swept value: the estimate and the ends of its error bar.</summary>
internal sealed record SweepValue(double Estimate, double Lower, double Upper);

/// <summary>One variant of a sweep: the swept parameter's value and its ROC AUC and AP.</summary>
internal sealed record SweepPoint(string Value, SweepValue RocAuc, SweepValue AveragePrecision);

/// <summary>The variants of one sweep family that differ only in the plotted parameter.</summary>
internal sealed record SweepLine(string Name, IReadOnlyList<SweepPoint> Points);

/// <summary>
/// Metrics against one swept parameter, one line per sweep family (per combination of a family's other
/// swept parameters, when it sweeps several). With one run per variant, error bars are the bootstrap
/// intervals; with repeats (several seeds, or re-splits even with one seed), the estimate is the mean over
/// the runs and the bar ± one sample standard deviation: one run's value would be one test set's luck.
/// </summary>
internal sealed record SweepPlot(string Parameter, IReadOnlyList<SweepLine> Lines)
{
    /// <summary>Every value is a number: the axis is numeric (spaced by value), else categorical.</summary>
    public bool Numeric => Lines.SelectMany(l => l.Points).All(p => double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    public static IReadOnlyList<SweepPlot> Of(RunResult result)
    {
        var swept = result.Config.Detectors.Where(d => d.Sweep is not null).ToArray();
        if (swept.Length == 0)
        {
            return [];
        }

        var repeats = result.HasRepeats;
        var summaries = result.Summary.SeedSummaries.ToDictionary(s => s.Detector, StringComparer.Ordinal);
        var firstResult = result.MainResults.GroupBy(r => r.Detector).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return swept.SelectMany(d => d.Sweep!.Values.Select(v => v.Key)).Distinct().Select(parameter =>
        {
            var lines = swept
                .Where(d => d.Sweep!.Values.Any(v => v.Key == parameter) && firstResult.ContainsKey(d.Name))
                .GroupBy(d => LineName(d.Sweep!, parameter))
                .Select(line => new SweepLine(line.Key, line.Select(d => new SweepPoint(
                    d.Sweep!.Values.First(v => v.Key == parameter).Value,
                    repeats ? Spread(summaries[d.Name].RocAuc) : Interval(firstResult[d.Name].Evaluation.RocAuc, firstResult[d.Name].Evaluation.RocAucCi),
                    repeats
                        ? Spread(summaries[d.Name].AveragePrecision)
                        : Interval(firstResult[d.Name].Evaluation.AveragePrecision, firstResult[d.Name].Evaluation.AveragePrecisionCi))).ToArray()))
                .ToArray();
            return new SweepPlot(parameter, lines);
        }).ToArray();
    }

    /// <summary>"stide", or "ngram (smoothing=witten_bell)" for a family that also sweeps other parameters.</summary>
    private static string LineName(DetectorSweep sweep, string parameter)
    {
        var others = sweep.Values.Where(v => v.Key != parameter).Select(v => $"{v.Key}={v.Value}").ToArray();
        return others.Length == 0 ? sweep.Family : $"{sweep.Family} ({string.Join(", ", others)})";
    }

    private static SweepValue Interval(double value, ConfidenceInterval? interval) =>
        new(value, interval?.Lower ?? value, interval?.Upper ?? value);

    private static SweepValue Spread(MeanAndSpread value) =>
        new(value.Mean, value.Mean - value.StandardDeviation, value.Mean + value.StandardDeviation);
}
