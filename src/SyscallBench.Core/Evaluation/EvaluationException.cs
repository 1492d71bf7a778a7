namespace SyscallBench.Core.Evaluation;

/// <summary>
/// Scores that cannot be evaluated: a class is missing (AUC, AP and detection rates need normal and attack
/// traces) or a score is not a finite number. The message names the detector and, where one is to blame,
/// the trace.
/// </summary>
public sealed class EvaluationException : SyscallBenchException
{
    public EvaluationException(string message)
        : base(message)
    {
    }
}
