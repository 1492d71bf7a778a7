using SyscallBench.Core.Traces;

namespace SyscallBench.Reports.Dataset;

/// <summary>Which distinct syscalls appear in training and in test: every test-only syscall is unknown to a detector.</summary>
/// <param name="TrainSyscalls">Distinct syscalls in training.</param>
/// <param name="TestSyscalls">Distinct syscalls in the test set (normal and attack).</param>
/// <param name="Shared">Distinct syscalls in both.</param>
/// <param name="TestOnly">Syscalls in the test set never seen in training, ascending.</param>
/// <param name="TrainOnly">Syscalls in training never seen in the test set, ascending.</param>
public sealed record VocabularyOverlap(int TrainSyscalls, int TestSyscalls, int Shared, IReadOnlyList<int> TestOnly, IReadOnlyList<int> TrainOnly)
{
    internal static VocabularyOverlap Of(IReadOnlyList<Trace> train, IReadOnlyList<Trace> test)
    {
        var trainSet = train.SelectMany(t => t.Calls).ToHashSet();
        var testSet = test.SelectMany(t => t.Calls).ToHashSet();
        return new VocabularyOverlap(
            trainSet.Count,
            testSet.Count,
            trainSet.Count(testSet.Contains),
            testSet.Except(trainSet).Order().ToArray(),
            trainSet.Except(testSet).Order().ToArray());
    }
}
