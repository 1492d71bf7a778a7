namespace SyscallBench.Lstm;

/// <summary>One candidate for the next system call after a prefix.</summary>
/// <param name="Syscall">The syscall number; null for the unknown-syscall bucket.</param>
/// <param name="Probability">The model's probability of it being next.</param>
public sealed record NextCallPrediction(int? Syscall, double Probability);
