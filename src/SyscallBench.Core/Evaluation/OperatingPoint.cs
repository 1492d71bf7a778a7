namespace SyscallBench.Core.Evaluation;

/// <summary>
/// The detection rate at a threshold set from normal scores for a target false-alarm rate.
/// A trace is flagged when its score is strictly greater than <see cref="Threshold"/>.
/// </summary>
/// <param name="TargetFalseAlarmRate">The false-alarm rate asked for.</param>
/// <param name="Threshold">The threshold chosen from normal scores only (see <see cref="OperatingPoints"/>).</param>
/// <param name="FalseAlarmRate">Achieved fraction of normal traces flagged: at most the target, can be far below it when scores tie.</param>
/// <param name="DetectionRate">Fraction of attack traces flagged.</param>
public sealed record OperatingPoint(double TargetFalseAlarmRate, double Threshold, double FalseAlarmRate, double DetectionRate);

/// <summary>
/// The ROC point read out at a target detection rate. A trace is flagged when its score is greater than or
/// equal to <see cref="Threshold"/>, as on the ROC curve.
/// </summary>
/// <param name="TargetDetectionRate">The detection rate asked for (e.g. 0.9).</param>
/// <param name="Threshold">The ROC threshold (a score value) of the point read out.</param>
/// <param name="FalseAlarmRate">Fraction of normal traces flagged at that threshold.</param>
/// <param name="DetectionRate">Fraction of attack traces flagged at that threshold: at least the target.</param>
public sealed record DetectionOperatingPoint(double TargetDetectionRate, double Threshold, double FalseAlarmRate, double DetectionRate);
