using SyscallBench.Core.Traces;

namespace SyscallBench.Reports.Dataset;

/// <summary>
/// The first look at a dataset before any model, as a data-mining workbench gives it: how long traces are
/// per split and family, which syscalls dominate, how much of the test data is new relative to training,
/// and how the vocabularies overlap. Computed once from the traces, because <c>RunResult</c> holds only
/// counts and scores.
/// </summary>
/// <param name="DatasetName">The dataset's name.</param>
/// <param name="Lengths">Trace lengths per group: "train", "test normal", then "test attack: FAMILY" per family.</param>
/// <param name="TopSyscalls">The most frequent syscalls over all splits, most frequent first.</param>
/// <param name="Novelty">Share of test n-grams never seen in training, one row per n (1..<see cref="MaxNGram"/>).</param>
/// <param name="Vocabulary">Distinct syscalls in training and test and their overlap.</param>
public sealed record DatasetOverview(
    string DatasetName,
    IReadOnlyList<TraceLengthGroup> Lengths,
    IReadOnlyList<SyscallFrequency> TopSyscalls,
    IReadOnlyList<NGramNovelty> Novelty,
    VocabularyOverlap Vocabulary)
{
    public const int DefaultTopSyscalls = 20;

    public const int MaxNGram = 6;

    public static DatasetOverview Compute(LabeledDataset dataset, int topSyscalls = DefaultTopSyscalls)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topSyscalls);
        var testNormal = dataset.Test.Where(t => !t.IsAttack).ToArray();
        var testAttack = dataset.Test.Where(t => t.IsAttack).ToArray();
        return new DatasetOverview(
            dataset.Name,
            TraceLengthGroup.Of(dataset.Train, testNormal, testAttack),
            SyscallFrequency.Top(dataset.Train, testNormal, testAttack, topSyscalls),
            NGramNovelty.Compute(dataset.Train, testNormal, testAttack, MaxNGram),
            VocabularyOverlap.Of(dataset.Train, dataset.Test));
    }
}
