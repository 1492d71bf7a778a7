using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.Comparison;
using SyscallBench.Core.Running;

namespace SyscallBench.Core.Results;

/// <summary>The paired AUC tests of one pair of detector results of a run.</summary>
/// <param name="Split">The split whose test traces both results scored.</param>
/// <param name="Seed">The seed whose detectors were compared together (with <paramref name="Split"/>, the Holm family).</param>
/// <param name="A">The first result (the difference is A minus B).</param>
/// <param name="B">The second result.</param>
/// <param name="Test">DeLong and paired bootstrap, p-values Holm-adjusted over the pairs of <paramref name="Seed"/>.</param>
public sealed record DetectorComparison(string Split, int Seed, DetectorResult A, DetectorResult B, AucComparison Test);

/// <summary>How far the paired bootstrap comparing one split and seed's detectors is (it runs after every unit, silently before).</summary>
/// <param name="Split">The split whose detectors are compared.</param>
/// <param name="Seed">The seed whose detectors are compared.</param>
/// <param name="Detectors">How many detectors are compared (every pair shares the resamples).</param>
/// <param name="Resamples">Resamples drawn of the bootstrap's.</param>
public sealed record ComparisonProgress(string Split, int Seed, int Detectors, ResampleProgress Resamples);

/// <summary>
/// Pairs a run's detector results and compares their ROC AUCs on the shared test traces
/// (<see cref="PairedAucComparison"/>). Computed from the results, never from pooled seeds.
/// </summary>
/// <remarks>
/// Seeds: detectors are compared seed by seed: for each seed of the experiment, each detector's result
/// with that seed (or its only result, for a detector fitted once) is compared with every other, and the
/// Holm adjustment runs over that seed's pairs. A pair of results already compared under an earlier seed
/// (two detectors fitted once) is not repeated. Seeds are not combined into one p-value: they share the
/// test set, so their tests are not independent; the report shows the first seed's matrix. Splits: results
/// are paired only within a split (re-splits have different test sets); learning-curve points are not compared.
/// </remarks>
public static class DetectorComparisons
{
    /// <param name="result">The run's results.</param>
    /// <param name="progress">Told of each split and seed's bootstrap as it runs.</param>
    public static IReadOnlyList<DetectorComparison> Of(RunResult result, IProgress<ComparisonProgress>? progress = null) =>
        result.MainResults
            .GroupBy(r => r.Split)
            .SelectMany(split => OfSplit(split.Key, split.ToArray(), result, progress))
            .ToArray();

    private static IEnumerable<DetectorComparison> OfSplit(string split, IReadOnlyList<DetectorResult> splitResults, RunResult result,
        IProgress<ComparisonProgress>? progress)
    {
        var byDetector = splitResults.GroupBy(r => r.Detector).Select(g => g.ToArray()).ToArray();
        var compared = new HashSet<(string, int, string, int)>();
        var comparisons = new List<DetectorComparison>();
        foreach (var seed in result.Config.Seeds)
        {
            var results = byDetector
                .Select(runs => runs.FirstOrDefault(r => r.Seed == seed) ?? (runs.Length == 1 ? runs[0] : null))
                .OfType<DetectorResult>()
                .ToArray();
            if (Pairs(results).All(p => compared.Contains(Key(p))))
            {
                continue;
            }

            var splitManifest = result.Splits.FirstOrDefault(s => s.Name == split);
            var testSets = results.Select(r => TestSetEvaluations.MainTestSet(r.Scores, result.Config.Evaluation, splitManifest)).ToArray();
            var tests = PairedAucComparison.CompareAll(results.Zip(testSets, (r, t) => (r.Detector, t.Scores)).ToArray(),
                result.Config.Evaluation, testSets.Select(t => t.Clusters).FirstOrDefault(),
                progress is null ? null : new SynchronousProgress<ResampleProgress>(p => progress.Report(new ComparisonProgress(split, seed, results.Length, p))));
            foreach (var (pair, test) in Pairs(results).Zip(tests))
            {
                if (compared.Add(Key(pair)))
                {
                    comparisons.Add(new DetectorComparison(split, seed, pair.Item1, pair.Item2, test));
                }
            }
        }

        return comparisons;
    }

    private static (string, int, string, int) Key((DetectorResult A, DetectorResult B) pair) =>
        (pair.A.Detector, pair.A.Seed, pair.B.Detector, pair.B.Seed);

    /// <summary>Every (i, j) with i before j, in the order <see cref="PairedAucComparison.CompareAll"/> lists them.</summary>
    private static IEnumerable<(DetectorResult, DetectorResult)> Pairs(IReadOnlyList<DetectorResult> results)
    {
        for (var a = 0; a < results.Count; a++)
        {
            for (var b = a + 1; b < results.Count; b++)
            {
                yield return (results[a], results[b]);
            }
        }
    }
}
