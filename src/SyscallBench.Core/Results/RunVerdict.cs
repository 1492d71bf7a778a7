using SyscallBench.Core.Evaluation.Verdict;

namespace SyscallBench.Core.Results;

/// <summary>
/// The verdict of one run: which detector is best at each criterion, the runner-up, and whether the
/// difference is established (see <see cref="VerdictBuilder"/>).
/// </summary>
/// <param name="Lines">Overall (ROC AUC), average precision, each operating point, false alarms at the detection target.</param>
/// <param name="MeansOverRuns">The ranked entries are detectors' means over several runs (seeds or re-splits), not single results.</param>
/// <remarks>
/// The verdict compares detectors, not runs. With repeats (several seeds or re-splits), ranking every run
/// would let a detector be its own runner-up on another test set ("ngram [resplit-3]" over "ngram
/// [resplit-5]") and crown the luckiest seed; so each detector is ranked by its mean over its runs, and
/// the paired DeLong test quoted is the one the comparison matrix shows (its split and seed), named as
/// such. Without repeats every result is its own detector, ranked as it is, under its label
/// (<see cref="DetectorResult.Label"/>).
/// </remarks>
public sealed record RunVerdict(IReadOnlyList<VerdictLine> Lines, bool MeansOverRuns)
{
    /// <param name="result">The run (its main results and evaluation settings).</param>
    /// <param name="matrix">The comparisons the report shows, whose paired test backs the overall line; null without one.</param>
    /// <param name="seedSummaries">Each detector's means over its runs (<see cref="SeedSummary.Of"/>).</param>
    public static RunVerdict Of(RunResult result, ComparisonMatrix? matrix, IReadOnlyList<SeedSummary> seedSummaries)
    {
        var evaluation = result.Config.Evaluation;
        if (result.HasRepeats)
        {
            return new RunVerdict(VerdictBuilder.Build(seedSummaries.Select(MeansOf).ToArray(), evaluation.FalseAlarmRates,
                evaluation.DetectionRate, PairedByDetector(matrix)), MeansOverRuns: true);
        }

        var multipleSeeds = result.Config.Seeds.Count > 1;
        var labelled = result.MainResults.Select(r => (Label: r.Label(multipleSeeds), Result: r)).ToArray();
        return new RunVerdict(VerdictBuilder.Build(labelled.Select(r => VerdictRow.Of(r.Label, r.Result.Evaluation)).ToArray(),
            evaluation.FalseAlarmRates, evaluation.DetectionRate, PairedByLabel(labelled, matrix)), MeansOverRuns: false);
    }

    /// <summary>
    /// A detector's means over its runs (seeds and re-splits). No intervals: a bootstrap interval belongs to
    /// one run's test set, and the spread over runs is another quantity, shown in the summary table.
    /// </summary>
    private static VerdictRow MeansOf(SeedSummary summary) => new(summary.Detector,
        summary.RocAuc.Mean, null, summary.AveragePrecision.Mean, null,
        summary.DetectionRates.Select(r => r.Mean).ToArray(), summary.FalseAlarmAtDetection.Mean);

    /// <summary>DeLong's test of two results, looked up by label in the shown comparisons.</summary>
    private static Func<string, string, PairedEvidence?>? PairedByLabel(IReadOnlyList<(string Label, DetectorResult Result)> labelled,
        ComparisonMatrix? matrix)
    {
        // A label that names several results (seeds the config does not list) has no single test.
        var resultByLabel = labelled.GroupBy(r => r.Label, StringComparer.Ordinal).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().Result, StringComparer.Ordinal);
        return Paired(matrix, resultByLabel, shown: null);
    }

    /// <summary>DeLong's test of two detectors on the matrix's split and seed, saying which that is.</summary>
    private static Func<string, string, PairedEvidence?>? PairedByDetector(ComparisonMatrix? matrix) =>
        matrix is null
            ? null
            : Paired(matrix, matrix.Results.ToDictionary(r => r.Detector, StringComparer.Ordinal), $"{matrix.Split}, seed {matrix.Seed}");

    private static Func<string, string, PairedEvidence?>? Paired(ComparisonMatrix? matrix, IReadOnlyDictionary<string, DetectorResult> resultByLabel,
        string? shown)
    {
        if (matrix is null)
        {
            return null;
        }

        var pairs = matrix.Comparisons.Count();
        return (a, b) => resultByLabel.TryGetValue(a, out var resultA) && resultByLabel.TryGetValue(b, out var resultB)
            && matrix.Find(resultA, resultB) is { } comparison
                ? new PairedEvidence("DeLong", comparison.Test.DeLong.PValue, comparison.Test.DeLongPHolm, pairs, shown)
                : null;
    }
}
