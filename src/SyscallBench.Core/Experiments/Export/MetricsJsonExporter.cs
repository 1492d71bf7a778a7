namespace SyscallBench.Core.Experiments.Export;

/// <summary>metrics.json: the metrics table's content, plus per-family rates and ROC/PR curve points.</summary>
public sealed class MetricsJsonExporter : IResultExporter
{
    public string Name => "metrics.json";

    public void Export(RunResult result, string directory)
    {
        var evaluation = result.Config.Evaluation;
        var detectors = result.Detectors.Select(r => new
        {
            detector = r.Detector,
            type = r.Type,
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
            fit_seconds = r.FitTime.TotalSeconds,
            score_seconds = r.ScoreTime.TotalSeconds,
            model_directory = r.ModelDirectory,
            roc_curve = new
            {
                false_positive_rate = r.Evaluation.Roc.FalsePositiveRates,
                true_positive_rate = r.Evaluation.Roc.TruePositiveRates,
            },
        });
        JsonFile.Save(new
        {
            experiment = result.Config.Name,
            run_id = result.RunId,
            dataset_hash = result.Dataset.Provenance.ContentHash,
            confidence_level = evaluation.BootstrapResamples > 0 ? evaluation.ConfidenceLevel : (double?)null,
            bootstrap_resamples = evaluation.BootstrapResamples,
            operating_point_rule = "threshold from test-normal scores only: smallest normal score t with share of normals scoring > t at most the target; flagged when score > t (ties at t not flagged)",
            detectors,
        }, Path.Combine(directory, "metrics.json"));
    }
}
