namespace SyscallBench.Core.Detection;

/// <summary>
/// A detector's verdict on one trace. <see cref="Value"/>: higher = more anomalous, always finite.
/// </summary>
/// <param name="Value">The trace score.</param>
/// <param name="PositionScores">
/// Optional per-position scores explaining <see cref="Value"/>; entry i belongs to the window or call
/// ending at call i (detectors document which), higher = more anomalous.
/// </param>
public sealed record TraceScore(double Value, double[]? PositionScores = null);
