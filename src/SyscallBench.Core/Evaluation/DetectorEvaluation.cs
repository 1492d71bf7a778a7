namespace SyscallBench.Core.Evaluation;

/// <summary>Everything measured for one detector on one test set; exporters read these, never recompute.</summary>
/// <param name="Detector">The detector's name in the experiment.</param>
/// <param name="NormalCount">Normal test traces.</param>
/// <param name="AttackCount">Attack test traces.</param>
/// <param name="RocAuc">Area under the ROC curve (sklearn's roc_auc_score).</param>
/// <param name="RocAucCi">Stratified percentile bootstrap interval; null when bootstrapping is disabled.</param>
/// <param name="AveragePrecision">sklearn's average_precision_score.</param>
/// <param name="AveragePrecisionCi">Stratified percentile bootstrap interval; null when bootstrapping is disabled.</param>
/// <param name="OperatingPoints">Detection at each configured false-alarm rate, thresholds from normal scores only.</param>
/// <param name="FalseAlarmAtDetection">The ROC curve read at the configured detection rate.</param>
/// <param name="Families">Per-family detection rates at the <paramref name="OperatingPoints"/> thresholds.</param>
/// <param name="Roc">The full ROC curve.</param>
/// <param name="PrecisionRecall">The full precision-recall curve.</param>
public sealed record DetectorEvaluation(
    string Detector,
    int NormalCount,
    int AttackCount,
    double RocAuc,
    ConfidenceInterval? RocAucCi,
    double AveragePrecision,
    ConfidenceInterval? AveragePrecisionCi,
    IReadOnlyList<OperatingPoint> OperatingPoints,
    DetectionOperatingPoint FalseAlarmAtDetection,
    IReadOnlyList<FamilyDetection> Families,
    RocCurve Roc,
    PrecisionRecallCurve PrecisionRecall)
{
    /// <summary>
    /// False-alarm rates per kind of normal work at the <see cref="OperatingPoints"/> thresholds, for datasets
    /// whose normal traces have a family (a trace folder's labels.csv may give one); empty otherwise.
    /// </summary>
    public IReadOnlyList<NormalFamilyFalseAlarms> NormalFamilies { get; init; } = [];

    /// <summary>What the confidence intervals resampled: single traces, or clusters of identical traces (never Auto).</summary>
    public BootstrapUnit BootstrapUnit { get; init; } = BootstrapUnit.Trace;

    /// <summary>Which of the split's test traces were evaluated.</summary>
    public TestSetProtocol TestSet { get; init; } = TestSetProtocol.All;
}
