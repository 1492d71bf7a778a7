using SyscallBench.Core.Results;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Comparison;

namespace SyscallBench.Reports;

/// <summary>
/// The verdict of one run: which entries it ranks and which paired test backs the overall line.
/// </summary>
/// <remarks>
/// The verdict compares detectors, not runs. With repeats (several seeds or re-splits), ranking every run
/// would let a detector be its own runner-up on another test set ("ngram [resplit-3]" over "ngram
/// [resplit-5]") and crown the luckiest seed; so each detector is ranked by its mean over its runs, and
/// the paired DeLong test quoted is the one the comparison matrix shows (its split and seed), named as
/// such. Without repeats every result is its own detector, ranked as it is.
/// </remarks>
internal static class RunVerdict
{
    public static IReadOnlyList<VerdictLine> Of(RunResult result, IReadOnlyList<ReportRow> rows, ComparisonMatrix? matrix)
    {
        var evaluation = result.Config.Evaluation;
        return result.HasRepeats
            ? VerdictBuilder.Build(SeedSummary.Of(result).Select(VerdictRow.Of).ToArray(), evaluation.FalseAlarmRates,
                evaluation.DetectionRate, PairedByDetector(matrix))
            : VerdictBuilder.Build(rows.Select(r => VerdictRow.Of(r.Label, r.Result.Evaluation)).ToArray(), evaluation.FalseAlarmRates,
                evaluation.DetectionRate, PairedByLabel(rows, matrix));
    }

    /// <summary>DeLong's test of two report rows, looked up by label in the shown comparisons.</summary>
    private static Func<string, string, PairedEvidence?>? PairedByLabel(IReadOnlyList<ReportRow> rows, ComparisonMatrix? matrix)
    {
        // A label that names several results (seeds the config does not list) has no single test.
        var resultByLabel = rows.GroupBy(r => r.Label, StringComparer.Ordinal).Where(g => g.Count() == 1)
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
