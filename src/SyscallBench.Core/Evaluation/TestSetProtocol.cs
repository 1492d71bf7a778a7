namespace SyscallBench.Core.Evaluation;

/// <summary>Which test traces a split's evaluation counts (<c>evaluation.test_set</c>).</summary>
public enum TestSetProtocol
{
    /// <summary>Every test trace: the literature's protocol.</summary>
    All,

    /// <summary>Every test trace but those identical to a training trace.</summary>
    WithoutTrainCopies,

    /// <summary>
    /// Without training copies, without sequences that occur with both labels in the test set, and one copy of
    /// each remaining sequence per label (the one whose id sorts first, ordinally).
    /// </summary>
    Distinct,
}
