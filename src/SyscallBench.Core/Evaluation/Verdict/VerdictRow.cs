namespace SyscallBench.Core.Evaluation.Verdict;

/// <summary>What the verdict ranks one entry by: a single result's evaluation, or a detector's means over its runs.</summary>
/// <param name="Label">The name the verdict shows.</param>
/// <param name="RocAuc">ROC AUC.</param>
/// <param name="RocAucCi">Its bootstrap interval; null without one (bootstrapping disabled, or a mean over runs).</param>
/// <param name="AveragePrecision">Average precision.</param>
/// <param name="AveragePrecisionCi">Its bootstrap interval, or null.</param>
/// <param name="DetectionRates">Detection rate at each configured false-alarm rate.</param>
/// <param name="FalseAlarmAtDetection">False-alarm rate at the detection target.</param>
public sealed record VerdictRow(
    string Label,
    double RocAuc,
    ConfidenceInterval? RocAucCi,
    double AveragePrecision,
    ConfidenceInterval? AveragePrecisionCi,
    IReadOnlyList<double> DetectionRates,
    double FalseAlarmAtDetection)
{
    /// <summary>One result, with its bootstrap intervals.</summary>
    public static VerdictRow Of(string label, DetectorEvaluation evaluation) => new(label,
        evaluation.RocAuc, evaluation.RocAucCi, evaluation.AveragePrecision, evaluation.AveragePrecisionCi,
        evaluation.OperatingPoints.Select(p => p.DetectionRate).ToArray(), evaluation.FalseAlarmAtDetection.FalseAlarmRate);
}
