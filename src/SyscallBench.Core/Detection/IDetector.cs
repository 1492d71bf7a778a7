using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection;

/// <summary>
/// An untrained detector: a name, a type and validated options, built from an experiment config.
/// Fitting never mutates it, so one spec can be fitted several times (seeds, folds).
/// </summary>
public interface IDetector
{
    /// <summary>The name the experiment gave this detector ("stide-6"); unique within a run.</summary>
    string Name { get; }

    /// <summary>The registered type name ("stide", "ngram", ...).</summary>
    string Type { get; }

    /// <summary>Learns normal behaviour from normal traces only. Never sees attack traces or test data.</summary>
    IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context);
}

/// <summary>
/// A trained detector. Scores are HIGHER = MORE ANOMALOUS. Detectors never threshold: thresholds and
/// metrics are computed once, by the evaluation.
/// </summary>
public interface IFittedDetector : IDisposable
{
    string Type { get; }

    /// <summary>Scores one trace. Must be thread-safe and deterministic for a fitted model.</summary>
    TraceScore Score(Trace trace);

    /// <summary>
    /// Scores many traces; detectors that batch (the LSTM) override this. The default scores the traces
    /// in parallel, which is why <see cref="Score"/> must be thread-safe.
    /// </summary>
    IReadOnlyList<TraceScore> ScoreMany(IReadOnlyList<Trace> traces, CancellationToken cancellation = default)
    {
        var scores = new TraceScore[traces.Count];
        Parallel.For(0, traces.Count, new ParallelOptions { CancellationToken = cancellation },
            i => scores[i] = Score(traces[i]));
        return scores;
    }

    /// <summary>
    /// The trace scores alone, for callers that need no position scores (the runner's test set, ensembles, probes'
    /// training scores). The default takes <see cref="ScoreMany"/>'s values, so batching detectors keep their batches;
    /// detectors whose position scores cost memory per call override it to skip them (stide and t-stide: 8 bytes a
    /// call, 2.7 GB for a trace of 333 million calls). Entry i must equal <c>Score(traces[i]).Value</c>.
    /// </summary>
    IReadOnlyList<double> ScoreValues(IReadOnlyList<Trace> traces, CancellationToken cancellation = default) =>
        ScoreMany(traces, cancellation).Select(s => s.Value).ToArray();

    /// <summary>
    /// Writes everything needed to score again later into <paramref name="directory"/> (which exists and
    /// is empty). The registry's loader for <see cref="Type"/> reads it back.
    /// </summary>
    void Save(string directory);
}
