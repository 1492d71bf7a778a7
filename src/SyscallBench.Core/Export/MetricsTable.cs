using System.Globalization;
using Microsoft.Data.Analysis;
using SyscallBench.Core.Config;
using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>The run's metrics as DataFrames: one row per detector and seed, and one per family.</summary>
public static class MetricsTable
{
    public static DataFrame Build(RunResult result)
    {
        var rates = result.Config.Evaluation.FalseAlarmRates;
        var rows = result.Detectors;
        List<DataFrameColumn> columns =
        [
            new StringDataFrameColumn("detector", rows.Select(r => r.Detector)),
            new StringDataFrameColumn("type", rows.Select(r => r.Type)),
            .. SweepColumns(result.Config, rows.Select(r => r.Detector)),
            new Int32DataFrameColumn("seed", rows.Select(r => r.Seed)),
            // A seed-independent (deterministic) detector has one row, fitted with the first seed, standing for every seed.
            new BooleanDataFrameColumn("seed_dependent", rows.Select(r => r.SeedDependent)),
            new StringDataFrameColumn("split", rows.Select(r => r.Split)),
            new Int32DataFrameColumn("test_normal", rows.Select(r => r.Evaluation.NormalCount)),
            new Int32DataFrameColumn("test_attack", rows.Select(r => r.Evaluation.AttackCount)),
            new DoubleDataFrameColumn("roc_auc", rows.Select(r => r.Evaluation.RocAuc)),
            new DoubleDataFrameColumn("roc_auc_ci_low", rows.Select(r => r.Evaluation.RocAucCi?.Lower)),
            new DoubleDataFrameColumn("roc_auc_ci_high", rows.Select(r => r.Evaluation.RocAucCi?.Upper)),
            new DoubleDataFrameColumn("average_precision", rows.Select(r => r.Evaluation.AveragePrecision)),
            new DoubleDataFrameColumn("average_precision_ci_low", rows.Select(r => r.Evaluation.AveragePrecisionCi?.Lower)),
            new DoubleDataFrameColumn("average_precision_ci_high", rows.Select(r => r.Evaluation.AveragePrecisionCi?.Upper)),
            .. TestSetColumns(result),
        ];

        for (var i = 0; i < rates.Length; i++)
        {
            var index = i;
            columns.Add(new DoubleDataFrameColumn(MetricNames.DetectionAt(rates[i]), rows.Select(r => r.Evaluation.OperatingPoints[index].DetectionRate)));
            columns.Add(new DoubleDataFrameColumn(MetricNames.AchievedFalseAlarmAt(rates[i]), rows.Select(r => r.Evaluation.OperatingPoints[index].FalseAlarmRate)));
            columns.Add(new DoubleDataFrameColumn(MetricNames.ThresholdAt(rates[i]), rows.Select(r => r.Evaluation.OperatingPoints[index].Threshold)));
        }

        columns.Add(new DoubleDataFrameColumn(MetricNames.FalseAlarmAtDetection(result.Config.Evaluation.DetectionRate),
            rows.Select(r => r.Evaluation.FalseAlarmAtDetection.FalseAlarmRate)));
        columns.AddRange(OverTimeColumns(result));
        columns.Add(new DoubleDataFrameColumn("fit_seconds", rows.Select(r => r.FitTime.TotalSeconds)));
        columns.Add(new DoubleDataFrameColumn("score_seconds", rows.Select(r => r.ScoreTime.TotalSeconds)));
        columns.Add(new DoubleDataFrameColumn("fit_syscalls_per_second",
            rows.Select(r => result.CallsOf(r.Split).TrainCalls / Math.Max(r.FitTime.TotalSeconds, 1e-9))));
        columns.Add(new DoubleDataFrameColumn("score_syscalls_per_second",
            rows.Select(r => result.CallsOf(r.Split).TestCalls / Math.Max(r.ScoreTime.TotalSeconds, 1e-9))));
        return new DataFrame(columns);
    }

    /// <summary>
    /// Which test set the row's metrics are on and what the bootstrap resampled, then each other test set's counts,
    /// ROC AUC and average precision with intervals (suffixed by its name: roc_auc_distinct, ...). No columns when
    /// every trace was tested and resampled alone (the literature's protocol), so such runs' files stay as they were.
    /// </summary>
    private static IEnumerable<DataFrameColumn> TestSetColumns(RunResult result)
    {
        var rows = result.Detectors;
        if (!TestSetNames.Describes(result))
        {
            yield break;
        }

        yield return new StringDataFrameColumn("test_set", rows.Select(r => TestSetNames.Of(r.Evaluation.TestSet)));
        yield return new StringDataFrameColumn("bootstrap", rows.Select(r => TestSetNames.Of(r.Evaluation.BootstrapUnit)));
        var others = result.Config.Evaluation.TestSets.Skip(1).ToArray();
        for (var i = 0; i < others.Length; i++)
        {
            var index = i;
            var suffix = "_" + TestSetNames.Of(others[i]);
            yield return new Int32DataFrameColumn("test_normal" + suffix, rows.Select(r => (int?)r.OtherTestSets[index].NormalCount));
            yield return new Int32DataFrameColumn("test_attack" + suffix, rows.Select(r => (int?)r.OtherTestSets[index].AttackCount));
            yield return new DoubleDataFrameColumn("roc_auc" + suffix, rows.Select(r => r.OtherTestSets[index].RocAuc));
            yield return new DoubleDataFrameColumn("roc_auc_ci_low" + suffix, rows.Select(r => r.OtherTestSets[index].RocAucCi?.Lower));
            yield return new DoubleDataFrameColumn("roc_auc_ci_high" + suffix, rows.Select(r => r.OtherTestSets[index].RocAucCi?.Upper));
            yield return new DoubleDataFrameColumn("average_precision" + suffix, rows.Select(r => r.OtherTestSets[index].AveragePrecision));
            yield return new DoubleDataFrameColumn("average_precision_ci_low" + suffix, rows.Select(r => r.OtherTestSets[index].AveragePrecisionCi?.Lower));
            yield return new DoubleDataFrameColumn("average_precision_ci_high" + suffix, rows.Select(r => r.OtherTestSets[index].AveragePrecisionCi?.Upper));
            yield return new StringDataFrameColumn("bootstrap" + suffix, rows.Select(r => TestSetNames.Of(r.OtherTestSets[index].BootstrapUnit)));
        }
    }

    /// <summary>
    /// On recordings judged over time: each budget's time-aware metrics (<see cref="MetricNames.OverTimeMetrics"/>) and the
    /// curve's area; empty cells for results without them. No columns for other datasets.
    /// </summary>
    private static IEnumerable<DataFrameColumn> OverTimeColumns(RunResult result)
    {
        var rows = result.Detectors;
        if (!rows.Any(r => r.OverTime is not null))
        {
            yield break;
        }

        var budgets = result.Config.OverTime.FalseAlarmBudgets;
        for (var i = 0; i < budgets.Length; i++)
        {
            var index = i;
            foreach (var (metric, value) in MetricNames.OverTimeMetrics)
            {
                yield return new DoubleDataFrameColumn(MetricNames.OverTime(metric, budgets[i]),
                    rows.Select(r => r.OverTime is { } o ? value(o.Budgets[index]) : null));
            }
        }

        yield return new DoubleDataFrameColumn(MetricNames.CurveArea(result.Config.OverTime.CurveMaxFalseAlarmsPerHour),
            rows.Select(r => r.OverTime?.CurveArea));
    }

    /// <summary>
    /// With a sweep in the experiment: "sweep" (the family of each variant, empty for other detectors) and
    /// one "sweep.PARAMETER" column per swept parameter, holding each variant's value.
    /// </summary>
    private static IEnumerable<DataFrameColumn> SweepColumns(ExperimentConfig config, IEnumerable<string> detectors)
    {
        var sweeps = config.Detectors.Where(d => d.Sweep is not null).ToDictionary(d => d.Name, d => d.Sweep!, StringComparer.Ordinal);
        if (sweeps.Count == 0)
        {
            return [];
        }

        var names = detectors.ToArray();
        var parameters = sweeps.Values.SelectMany(s => s.Values.Select(v => v.Key)).Distinct();
        return
        [
            new StringDataFrameColumn("sweep", names.Select(n => sweeps.GetValueOrDefault(n)?.Family ?? "")),
            .. parameters.Select(p => new StringDataFrameColumn($"sweep.{p}",
                names.Select(n => sweeps.GetValueOrDefault(n)?.Values.FirstOrDefault(v => v.Key == p).Value ?? ""))),
        ];
    }

    /// <summary>Detection rate of each attack family at each operating point's threshold.</summary>
    public static DataFrame BuildFamilies(RunResult result)
    {
        var rates = result.Config.Evaluation.FalseAlarmRates;
        var rows = result.Detectors
            .SelectMany(r => r.Evaluation.Families.Select(f => (Result: r, Family: f)))
            .ToArray();
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("detector", rows.Select(r => r.Result.Detector)),
            new Int32DataFrameColumn("seed", rows.Select(r => r.Result.Seed)),
            new StringDataFrameColumn("split", rows.Select(r => r.Result.Split)),
            new StringDataFrameColumn("family", rows.Select(r => r.Family.Family)),
            new Int32DataFrameColumn("attack_traces", rows.Select(r => r.Family.Count)),
        };
        for (var i = 0; i < rates.Length; i++)
        {
            var index = i;
            columns.Add(new DoubleDataFrameColumn(MetricNames.DetectionAt(rates[i]), rows.Select(r => r.Family.DetectionRates[index])));
        }

        return new DataFrame(columns);
    }

    /// <summary>False-alarm rate of each normal family (kind of normal work) at each operating point's threshold.</summary>
    public static DataFrame BuildNormalFamilies(RunResult result)
    {
        var rates = result.Config.Evaluation.FalseAlarmRates;
        var rows = result.Detectors
            .SelectMany(r => r.Evaluation.NormalFamilies.Select(f => (Result: r, Family: f)))
            .ToArray();
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("detector", rows.Select(r => r.Result.Detector)),
            new Int32DataFrameColumn("seed", rows.Select(r => r.Result.Seed)),
            new StringDataFrameColumn("split", rows.Select(r => r.Result.Split)),
            new StringDataFrameColumn("normal_family", rows.Select(r => r.Family.Family)),
            new Int32DataFrameColumn("normal_traces", rows.Select(r => r.Family.Count)),
        };
        for (var i = 0; i < rates.Length; i++)
        {
            var index = i;
            columns.Add(new DoubleDataFrameColumn(MetricNames.AchievedFalseAlarmAt(rates[i]), rows.Select(r => r.Family.FalseAlarmRates[index])));
        }

        return new DataFrame(columns);
    }

    /// <summary>
    /// Mean, sample standard deviation and the per-run values over seeds and re-splits, one row per detector
    /// (runs with repeats). Per-run values are space-separated in one cell, in run order: run i has the i-th
    /// seed of seed_list on the i-th split of split_list.
    /// </summary>
    public static DataFrame BuildSeedSummary(RunResult result)
    {
        var rates = result.Config.Evaluation.FalseAlarmRates;
        var rows = result.Summary.SeedSummaries;
        List<DataFrameColumn> columns =
        [
            new StringDataFrameColumn("detector", rows.Select(r => r.Detector)),
            new StringDataFrameColumn("type", rows.Select(r => r.Type)),
            .. SweepColumns(result.Config, rows.Select(r => r.Detector)),
            new Int32DataFrameColumn("seeds", rows.Select(r => r.Seeds)),
            new StringDataFrameColumn("seed_list", rows.Select(r => string.Join(' ', r.SeedList.Select(s => s.ToString(CultureInfo.InvariantCulture))))),
            new StringDataFrameColumn("split_list", rows.Select(r => string.Join(' ', r.SplitList))),
        ];

        void Add(string name, Func<SeedSummary, MeanAndSpread> metric)
        {
            columns.Add(new DoubleDataFrameColumn($"{name}_mean", rows.Select(r => metric(r).Mean)));
            columns.Add(new DoubleDataFrameColumn($"{name}_std", rows.Select(r => metric(r).StandardDeviation)));
            columns.Add(new StringDataFrameColumn($"{name}_values",
                rows.Select(r => string.Join(' ', metric(r).Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))));
        }

        Add("roc_auc", r => r.RocAuc);
        Add("average_precision", r => r.AveragePrecision);
        for (var i = 0; i < rates.Length; i++)
        {
            var index = i;
            Add(MetricNames.DetectionAt(rates[i]), r => r.DetectionRates[index]);
        }

        Add(MetricNames.FalseAlarmAtDetection(result.Config.Evaluation.DetectionRate), r => r.FalseAlarmAtDetection);
        Add("fit_seconds", r => r.FitSeconds);
        Add("score_seconds", r => r.ScoreSeconds);
        return new DataFrame(columns);
    }

    /// <summary>One row per compared pair of detector results: DeLong's test and the paired bootstrap of the AUC difference.</summary>
    public static DataFrame BuildComparisons(IReadOnlyList<DetectorComparison> rows)
    {
        List<DataFrameColumn> columns =
        [
            new StringDataFrameColumn("split", rows.Select(r => r.Split)),
            new Int32DataFrameColumn("seed", rows.Select(r => r.Seed)),
            new StringDataFrameColumn("detector_a", rows.Select(r => r.A.Detector)),
            new Int32DataFrameColumn("seed_a", rows.Select(r => r.A.Seed)),
            new StringDataFrameColumn("detector_b", rows.Select(r => r.B.Detector)),
            new Int32DataFrameColumn("seed_b", rows.Select(r => r.B.Seed)),
            new DoubleDataFrameColumn("roc_auc_a", rows.Select(r => r.Test.AucA)),
            new DoubleDataFrameColumn("roc_auc_b", rows.Select(r => r.Test.AucB)),
            new DoubleDataFrameColumn("roc_auc_difference", rows.Select(r => r.Test.Difference)),
            new DoubleDataFrameColumn("delong_se", rows.Select(r => r.Test.DeLong.StandardError)),
            new DoubleDataFrameColumn("delong_z", rows.Select(r => r.Test.DeLong.Z)),
            new DoubleDataFrameColumn("delong_p", rows.Select(r => r.Test.DeLong.PValue)),
            new DoubleDataFrameColumn("delong_p_holm", rows.Select(r => r.Test.DeLongPHolm)),
            new DoubleDataFrameColumn("bootstrap_diff_ci_low", rows.Select(r => r.Test.Bootstrap?.Interval.Lower)),
            new DoubleDataFrameColumn("bootstrap_diff_ci_high", rows.Select(r => r.Test.Bootstrap?.Interval.Upper)),
            new DoubleDataFrameColumn("bootstrap_p", rows.Select(r => r.Test.Bootstrap?.PValue)),
            new DoubleDataFrameColumn("bootstrap_p_holm", rows.Select(r => r.Test.BootstrapPHolm)),
        ];
        if (rows.Any(r => r.Test.BootstrapUnit == Evaluation.BootstrapUnit.Cluster))
        {
            // DeLong assumes independent traces; the bootstrap resampled groups of identical traces: say so beside it.
            columns.Add(new StringDataFrameColumn("bootstrap_unit", rows.Select(r => TestSetNames.Of(r.Test.BootstrapUnit))));
        }

        return new DataFrame(columns);
    }
}
