namespace SyscallBench.Core.Detection;

/// <summary>
/// A fitted detector that can tell which syscalls and which n-grams of calls occurred in its training
/// traces (the stide family: its windows; the n-gram language model: its order-n counts). Used to
/// explain a flagged window by what it holds that training never showed.
/// </summary>
public interface ITrainingNGrams
{
    /// <summary>n: the length of the n-grams <see cref="WasSeenInTraining"/> answers for.</summary>
    int NGramLength { get; }

    /// <summary>Whether the syscall number occurred in any training trace.</summary>
    bool IsKnownSyscall(int syscall);

    /// <summary>Whether these <see cref="NGramLength"/> consecutive raw syscall numbers occurred in training.</summary>
    bool WasSeenInTraining(ReadOnlySpan<int> syscalls);
}
