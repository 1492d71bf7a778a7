using System.Text.Json;
using System.Text.Json.Nodes;
using SyscallBench.Core.Evaluation.Verdict;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running.Sharding;

namespace SyscallBench.Core.Export;

/// <summary>
/// metrics.json: the metrics table's content, plus per-family rates and ROC/PR curve points; with several
/// seeds a "summary" block (mean, sample std, n and per-seed values per detector); with several detectors a
/// "comparisons" block (paired tests of every pair's ROC AUC difference); and the "verdict" (the best
/// detector per criterion, the runner-up and the evidence), as the report states it.
/// </summary>
/// <remarks>Reads the run's <see cref="RunResult.Summary"/>: nothing here is computed again.</remarks>
public sealed class MetricsJsonExporter : IResultExporter
{
    public string Name => RunFolder.MetricsJsonFileName;

    public void Export(RunResult result, string directory)
    {
        var evaluation = result.Config.Evaluation;
        var describeTestSets = TestSetNames.Describes(result);
        var detectors = result.Detectors.Select(r => WithTestSets(describeTestSets, r, new
        {
            detector = r.Detector,
            type = r.Type,
            sweep = Sweep(result, r.Detector),
            seed = r.Seed,
            split = r.Split,
            seed_dependent = r.SeedDependent,
            test_normal = r.Evaluation.NormalCount,
            test_attack = r.Evaluation.AttackCount,
            roc_auc = r.Evaluation.RocAuc,
            roc_auc_ci = r.Evaluation.RocAucCi,
            average_precision = r.Evaluation.AveragePrecision,
            average_precision_ci = r.Evaluation.AveragePrecisionCi,
            operating_points = r.Evaluation.OperatingPoints,
            false_alarm_at_detection = r.Evaluation.FalseAlarmAtDetection,
            families = r.Evaluation.Families,
            normal_families = r.Evaluation.NormalFamilies,
            over_time = r.OverTime is null ? null : OverTimeJsonExporter.Summary(r.OverTime),
            fit_seconds = r.FitTime.TotalSeconds,
            score_seconds = r.ScoreTime.TotalSeconds,
            model_directory = r.ModelDirectory,
            roc_curve = new
            {
                false_positive_rate = r.Evaluation.Roc.FalsePositiveRates,
                true_positive_rate = r.Evaluation.Roc.TruePositiveRates,
            },
        }));
        JsonFile.Save(new
        {
            experiment = result.Config.Name,
            run_id = result.RunId,
            partial = ShardNote.Of(result),
            dataset_hash = result.Dataset.Provenance.ContentHash,
            confidence_level = evaluation.BootstrapResamples > 0 ? evaluation.ConfidenceLevel : (double?)null,
            bootstrap_resamples = evaluation.BootstrapResamples,
            operating_point_rule = "threshold from test-normal scores only: smallest normal score t with share of normals scoring > t at most the target; flagged when score > t (ties at t not flagged)",
            detectors,
            summary = result.Config.Seeds.Count > 1 ? Summary(result) : null,
            comparisons = Comparisons(result, describeTestSets),
            verdict = Verdict(result.Summary.Verdict),
        }, new RunFolder(directory).MetricsJson);
    }

    private static object[] Summary(RunResult result)
    {
        var evaluation = result.Config.Evaluation;
        return result.Summary.SeedSummaries.Select(s => (object)new
        {
            detector = s.Detector,
            type = s.Type,
            sweep = Sweep(result, s.Detector),
            n = s.Seeds,
            seeds = s.SeedList,
            splits = s.SplitList,
            roc_auc = Spread(s.RocAuc),
            average_precision = Spread(s.AveragePrecision),
            detection_rates = s.DetectionRates.Select((d, i) => new
            {
                false_alarm_rate = evaluation.FalseAlarmRates[i],
                mean = d.Mean,
                std = d.StandardDeviation,
                values = d.Values,
            }),
            false_alarm_at_detection = new
            {
                detection_rate = evaluation.DetectionRate,
                mean = s.FalseAlarmAtDetection.Mean,
                std = s.FalseAlarmAtDetection.StandardDeviation,
                values = s.FalseAlarmAtDetection.Values,
            },
            fit_seconds = Spread(s.FitSeconds),
            score_seconds = Spread(s.ScoreSeconds),
        }).ToArray();
    }

    /// <summary>The variant's family and swept values; null for a detector outside a sweep.</summary>
    private static object? Sweep(RunResult result, string detector) =>
        result.Config.Detectors.FirstOrDefault(d => d.Name == detector)?.Sweep is { } sweep
            ? new { family = sweep.Family, parameters = sweep.Values.ToDictionary(v => v.Key, v => v.Value) }
            : null;

    private static object Spread(MeanAndSpread value) => new { mean = value.Mean, std = value.StandardDeviation, values = value.Values };

    /// <summary>
    /// A detector's entry; when the run's files describe test sets (<see cref="TestSetNames.Describes"/>), with its
    /// test set, bootstrap unit and its metrics on the other test sets ("other_test_sets"), appended at the end.
    /// </summary>
    private static JsonNode WithTestSets(bool describe, DetectorResult result, object entry)
    {
        var node = JsonSerializer.SerializeToNode(entry, JsonFile.Options)!;
        if (describe)
        {
            node["test_set"] = TestSetNames.Of(result.Evaluation.TestSet);
            node["bootstrap"] = TestSetNames.Of(result.Evaluation.BootstrapUnit);
            node["other_test_sets"] = JsonSerializer.SerializeToNode(result.OtherTestSets.Select(e => new
            {
                test_set = TestSetNames.Of(e.TestSet),
                bootstrap = TestSetNames.Of(e.BootstrapUnit),
                test_normal = e.NormalCount,
                test_attack = e.AttackCount,
                roc_auc = e.RocAuc,
                roc_auc_ci = e.RocAucCi,
                average_precision = e.AveragePrecision,
                average_precision_ci = e.AveragePrecisionCi,
                operating_points = e.OperatingPoints,
                false_alarm_at_detection = e.FalseAlarmAtDetection,
            }), JsonFile.Options);
        }

        return node;
    }

    private static JsonNode[] Comparisons(RunResult result, bool describe) =>
        result.Summary.Comparisons.Select(c => WithBootstrapUnit(describe, c, new
        {
            split = c.Split,
            seed = c.Seed,
            detector_a = c.A.Detector,
            seed_a = c.A.Seed,
            detector_b = c.B.Detector,
            seed_b = c.B.Seed,
            roc_auc_a = c.Test.AucA,
            roc_auc_b = c.Test.AucB,
            roc_auc_difference = c.Test.Difference,
            delong = new
            {
                standard_error = c.Test.DeLong.StandardError,
                z = c.Test.DeLong.Z,
                p = c.Test.DeLong.PValue,
                p_holm = c.Test.DeLongPHolm,
            },
            bootstrap = c.Test.Bootstrap is not { } bootstrap ? null : new
            {
                resamples = bootstrap.Resamples,
                difference_ci = bootstrap.Interval,
                p = bootstrap.PValue,
                p_holm = c.Test.BootstrapPHolm,
            },
        })).ToArray();

    /// <summary>A comparison's entry; with test sets described, what its bootstrap resampled (DeLong assumes independent traces).</summary>
    private static JsonNode WithBootstrapUnit(bool describe, DetectorComparison comparison, object entry)
    {
        var node = JsonSerializer.SerializeToNode(entry, JsonFile.Options)!;
        if (describe)
        {
            node["bootstrap_unit"] = TestSetNames.Of(comparison.Test.BootstrapUnit);
        }

        return node;
    }

    /// <summary>
    /// Each criterion's best and runner-up (labels as in the report), their values, and the evidence: the paired
    /// DeLong test (ROC AUC, when run) or whether the bootstrap intervals overlap (null without intervals).
    /// </summary>
    private static object Verdict(RunVerdict verdict) => new
    {
        ranked_by = verdict.MeansOverRuns ? "mean over runs (seeds and re-splits)" : "run",
        significance_level = PairedEvidence.Alpha,
        criteria = verdict.Lines.Select(l => new
        {
            criterion = l.Criterion,
            metric = l.Metric,
            at_false_alarm_rate = l.Metric == VerdictMetrics.DetectionRate ? l.At : null,
            at_detection_rate = l.Metric == VerdictMetrics.FalseAlarmRate ? l.At : null,
            higher_is_better = l.Metric != VerdictMetrics.FalseAlarmRate,
            best = l.Best,
            best_value = l.BestValue,
            all_tied = l.AllTied,
            none_separates = l.NoneSeparates,
            runner_up = l.RunnerUp,
            runner_up_value = l.RunnerUpValue,
            intervals_overlap = l.IntervalsOverlap,
            paired_test = l.Paired is not { } paired ? null : new
            {
                test = paired.Test,
                p = paired.PValue,
                p_holm = paired.AdjustedPValue,
                pairs = paired.Pairs,
                shown = paired.Shown,
                significant = paired.Significant,
            },
        }),
    };
}
