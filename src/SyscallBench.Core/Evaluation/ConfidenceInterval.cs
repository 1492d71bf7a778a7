namespace SyscallBench.Core.Evaluation;

/// <summary>A two-sided interval meant to cover the true value with probability <see cref="Level"/>.</summary>
public sealed record ConfidenceInterval(double Lower, double Upper, double Level);
