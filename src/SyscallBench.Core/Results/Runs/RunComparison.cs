using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.Comparison;

namespace SyscallBench.Core.Results.Runs;

/// <summary>
/// Two runs side by side (`compare RUN_A RUN_B`): each detector's metrics in both and their differences (B minus A),
/// what differs in their provenance (config, dataset, code, machine), and, for each detector both runs scored on
/// the same test traces, paired tests of the ROC AUC difference across the runs (DeLong, the paired bootstrap).
/// </summary>
/// <param name="A">The first run (the reference).</param>
/// <param name="B">The second run.</param>
/// <param name="Detectors">One entry per (split, detector, seed) in either run, A's order first.</param>
/// <param name="Provenance">What differs between the runs' provenance; empty when nothing does.</param>
/// <remarks>
/// "Did my change help" is a paired question: both runs scored the same traces, so a detector's scores in A and B
/// are paired trace by trace, exactly like two detectors of one run (<see cref="PairedAucComparison"/>, with A's
/// evaluation settings), and the difference is judged against its own, much smaller, paired error. The
/// p-values are Holm-adjusted over every detector compared. Results of different test sets (another split,
/// another dataset) are shown side by side without a test.
/// </remarks>
public sealed record RunComparison(RunResult A, RunResult B, IReadOnlyList<DetectorDifference> Detectors, IReadOnlyList<ProvenanceDifference> Provenance)
{
    public static RunComparison Of(RunResult a, RunResult b)
    {
        var pairs = Match(a, b);
        // Trace ids alone do not make two test sets the same (synthetic datasets of two seeds share their ids):
        // the dataset's content hash must match too.
        var sameData = a.Dataset.Provenance.ContentHash == b.Dataset.Provenance.ContentHash;
        var tests = pairs.Select(p => sameData && p.A is not null && p.B is not null && SameTraces(p.A.Scores, p.B.Scores)
                ? PairedAucComparison.CompareAll([("run B", p.B.Scores), ("run A", p.A.Scores)], a.Config.Evaluation)[0]
                : null)
            .ToArray();
        // Holm over the detectors compared; each CompareAll above saw one pair, so its own adjustment is the raw p.
        var tested = tests.Select((t, i) => (t, i)).Where(x => x.t is not null).ToArray();
        var deLongHolm = HolmAdjustment.Adjust(tested.Select(x => x.t!.DeLong.PValue).ToArray());
        var bootstrapHolm = tested.All(x => x.t!.Bootstrap is not null)
            ? HolmAdjustment.Adjust(tested.Select(x => x.t!.Bootstrap!.PValue).ToArray())
            : null;
        for (var k = 0; k < tested.Length; k++)
        {
            tests[tested[k].i] = tested[k].t! with { DeLongPHolm = deLongHolm[k], BootstrapPHolm = bootstrapHolm?[k] };
        }

        var detectors = pairs.Select((p, i) => new DetectorDifference(p.Split, p.Detector, p.Seed, p.A?.Evaluation, p.B?.Evaluation, tests[i],
            p.A is not null && p.B is not null && tests[i] is null
                ? sameData ? "the runs scored different test traces" : "the runs' datasets differ (content hash), so their test traces are not the same"
                : null)).ToArray();
        return new RunComparison(a, b, detectors, ProvenanceDifference.Between(a, b));
    }

    /// <summary>The pairs of results to compare: same split, detector and seed (a detector fitted once matches any seed of the other run's).</summary>
    private static List<(string Split, string Detector, int Seed, DetectorResult? A, DetectorResult? B)> Match(RunResult a, RunResult b)
    {
        var pairs = new List<(string, string, int, DetectorResult?, DetectorResult?)>();
        var used = new HashSet<DetectorResult>();
        foreach (var resultA in a.MainResults)
        {
            var resultB = b.MainResults.FirstOrDefault(r => !used.Contains(r) && r.Split == resultA.Split && r.Detector == resultA.Detector
                    && (r.Seed == resultA.Seed || !r.SeedDependent || !resultA.SeedDependent));
            if (resultB is not null)
            {
                used.Add(resultB);
            }

            pairs.Add((resultA.Split, resultA.Detector, resultA.Seed, resultA, resultB));
        }

        pairs.AddRange(b.MainResults.Where(r => !used.Contains(r)).Select(r => (r.Split, r.Detector, r.Seed, (DetectorResult?)null, (DetectorResult?)r)));
        return pairs;
    }

    /// <summary>Whether both score lists cover the same trace ids with the same labels (what a paired test needs).</summary>
    public static bool SameTraces(IReadOnlyList<ScoredTrace> a, IReadOnlyList<ScoredTrace> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        var labels = new Dictionary<string, Traces.TraceLabel>(StringComparer.Ordinal);
        foreach (var trace in a)
        {
            if (!labels.TryAdd(trace.TraceId, trace.Label))
            {
                return false;
            }
        }

        return b.All(t => labels.Remove(t.TraceId, out var label) && label == t.Label);
    }
}

/// <summary>One detector in two runs.</summary>
/// <param name="Split">The split both results are on.</param>
/// <param name="Detector">The detector's name.</param>
/// <param name="Seed">Run A's seed (run B's when the detector is only there).</param>
/// <param name="A">Its evaluation in run A; null when only run B has it.</param>
/// <param name="B">Its evaluation in run B; null when only run A has it.</param>
/// <param name="Test">The paired test of B's ROC AUC against A's (difference B minus A: AucA is run B's AUC; p Holm-adjusted over the
/// detectors compared); null when the detector is in one run only or the runs scored different traces.</param>
/// <param name="WhyNoTest">Why both runs have the detector but there is no test; null otherwise.</param>
public sealed record DetectorDifference(string Split, string Detector, int Seed, DetectorEvaluation? A, DetectorEvaluation? B, AucComparison? Test,
    string? WhyNoTest);
