using SyscallBench.Core.Export;
using SyscallBench.Core.Results;

namespace SyscallBench.Reports.Generalization;

/// <summary>
/// The generalization probe's findings for one detector and one held-out run, aggregated over seeds: what the
/// report's generalization table and chart show. Prediction fields are null for detectors that predict nothing.
/// </summary>
/// <param name="Detector">The detector's name in the experiment.</param>
/// <param name="Type">Its registered type.</param>
/// <param name="Run">The held-out run ("8 8 8").</param>
/// <param name="Successor">Its correct successor (9).</param>
/// <param name="Seeds">Seeds the detector was fitted with.</param>
/// <param name="AcceptedShare">Share of seeds where "run successor" scored at or below the training threshold.</param>
/// <param name="WrongFlaggedShare">Share of all (seed, wrong successor) pairs flagged at the training threshold.</param>
/// <param name="WrongAboveShare">Share of all (seed, wrong successor) pairs scored strictly above the correct successor.</param>
/// <param name="TopShare">Share of seeds where the successor is the strict top-1 prediction.</param>
/// <param name="MeanProbability">Mean over seeds of p(successor | run).</param>
/// <param name="MeanRank">Mean over seeds of the successor's rank.</param>
internal sealed record GeneralizationSummary(
    string Detector,
    string Type,
    string Run,
    int Successor,
    int Seeds,
    double AcceptedShare,
    double WrongFlaggedShare,
    double WrongAboveShare,
    double? TopShare,
    double? MeanProbability,
    double? MeanRank)
{
    /// <summary>One summary per (detector, held-out run), detectors in run order; empty when the probe did not run.</summary>
    public static IReadOnlyList<GeneralizationSummary> Of(RunResult result) =>
        GeneralizationCsvExporter.Rows(result)
            .GroupBy(r => (r.Result.Detector, r.Result.Type, r.Run.Run, r.Run.Successor))
            .Select(g =>
            {
                var runs = g.Select(r => r.Run).ToArray();
                var wrong = runs.Sum(r => r.WrongSuccessors.Count);
                var predictions = runs.Where(r => r.Prediction is not null).Select(r => r.Prediction!).ToArray();
                var predicts = predictions.Length == runs.Length && predictions.Length > 0;
                return new GeneralizationSummary(
                    g.Key.Detector, g.Key.Type, g.Key.Run, g.Key.Successor, runs.Length,
                    runs.Count(r => r.ScoredNormal) / (double)runs.Length,
                    wrong == 0 ? double.NaN : runs.Sum(r => r.WrongSuccessorsFlagged) / (double)wrong,
                    wrong == 0 ? double.NaN : runs.Sum(r => r.WrongSuccessorsScoredAbove) / (double)wrong,
                    predicts ? predictions.Count(p => p.IsTop) / (double)predictions.Length : null,
                    predicts ? predictions.Average(p => p.Probability) : null,
                    predicts ? predictions.Average(p => p.Rank) : null);
            })
            .ToArray();
}
