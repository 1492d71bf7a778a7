using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Running;
using SyscallBench.Core.Splits;

namespace SyscallBench.Core.Results;

/// <summary>
/// Evaluates one detector's scores of a split on each test set of <see cref="EvaluationOptions.TestSet"/>
/// (all, without_train_copies, distinct), with the split's clusters of identical traces for the bootstrap.
/// The runner and the run reader both call this, so a regenerated report shows the same numbers.
/// </summary>
public static class TestSetEvaluations
{
    /// <returns>The first test set's evaluation (the main table's) and the others', in config order.</returns>
    /// <param name="detector">The detector's name.</param>
    /// <param name="scores">Its scores of every test trace of the split.</param>
    /// <param name="options">The evaluation settings.</param>
    /// <param name="split">The split; null for runs written before split manifests (only "all" can be formed).</param>
    /// <param name="bootstrapProgress">Told of the resamples done over every test set's bootstrap together.</param>
    /// <exception cref="SyscallBenchException">A test set other than "all" on a split written before duplicates were analysed.</exception>
    public static (DetectorEvaluation Main, IReadOnlyList<DetectorEvaluation> Others) Evaluate(
        string detector, IReadOnlyList<ScoredTrace> scores, EvaluationOptions options, SplitManifest? split,
        IProgress<ResampleProgress>? bootstrapProgress = null)
    {
        var clusters = split?.Duplicates?.Clusters();
        var sets = options.TestSets.Count;
        var evaluations = options.TestSets
            .Select((protocol, k) => Evaluator.Evaluate(detector, Select(protocol, scores, split), options, clusters, protocol,
                bootstrapProgress is null ? null : new SynchronousProgress<ResampleProgress>(p =>
                    bootstrapProgress.Report(new ResampleProgress((k * p.Total) + p.Done, sets * p.Total)))))
            .ToArray();
        return (evaluations[0], evaluations[1..]);
    }

    /// <summary>The scores of the traces the main (first) test set keeps, and the split's clusters: what paired comparisons compare on.</summary>
    public static (IReadOnlyList<ScoredTrace> Scores, TraceClusters? Clusters) MainTestSet(
        IReadOnlyList<ScoredTrace> scores, EvaluationOptions options, SplitManifest? split) =>
        split is null
            ? (scores, null)
            : (Select(options.TestSets[0], scores, split), split.Duplicates?.Clusters());

    private static IReadOnlyList<ScoredTrace> Select(TestSetProtocol protocol, IReadOnlyList<ScoredTrace> scores, SplitManifest? split) =>
        protocol == TestSetProtocol.All
            ? scores
            : split?.Duplicates?.Select(protocol, scores) ?? throw new SyscallBenchException(
                $"Split '{split?.Name ?? DataSplit.Official}' has no duplicate analysis (its split file predates it), so test set "
                + $"'{EvaluationOptions.TestSetNames[(int)protocol]}' cannot be formed; run the experiment again.");
}
