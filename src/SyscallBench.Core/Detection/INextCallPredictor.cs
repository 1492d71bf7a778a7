namespace SyscallBench.Core.Detection;

/// <summary>
/// A fitted detector that is a language model of syscalls and can say what it expects next. Used by
/// probes (the generalization study asks for p(9 | 8 8 8)); never by the evaluation.
/// </summary>
public interface INextCallPredictor
{
    /// <summary>
    /// The <paramref name="topK"/> most probable next calls after <paramref name="prefix"/> (raw syscall
    /// numbers, read from the start of a trace), most probable first. A <paramref name="topK"/> at least the
    /// number of outcomes (e.g. int.MaxValue) returns the whole distribution. The unknown bucket (every
    /// syscall never seen in training) is an explicit entry with <see cref="NextCallProbability.IsUnknown"/> set.
    /// </summary>
    IReadOnlyList<NextCallProbability> PredictNext(ReadOnlySpan<int> prefix, int topK);
}

/// <summary>One candidate next call.</summary>
/// <param name="Syscall">The raw syscall number; null for the unknown bucket.</param>
/// <param name="Probability">The model's probability of it being next.</param>
public sealed record NextCallProbability(int? Syscall, double Probability)
{
    public bool IsUnknown => Syscall is null;
}
