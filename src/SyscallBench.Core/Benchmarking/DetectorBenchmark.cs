using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Benchmarking;

/// <summary>One repeat's measurements of one detector.</summary>
/// <param name="Fit">Fitting on the training normals.</param>
/// <param name="ModelManagedBytes">
/// Managed bytes freed when the fitted model is dropped after it scored the test set: what it alone keeps
/// alive, including state filled while scoring (native memory, e.g. libtorch's, is not seen).
/// </param>
/// <param name="ScoreOneThread">Scoring the test set trace by trace with Score() on the calling thread, keeping only trace scores.</param>
/// <param name="ScoreParallel">Scoring the test set with ScoreMany (what a run does: all cores, batched for the LSTM).</param>
public sealed record DetectorSample(PhaseCost Fit, long ModelManagedBytes, PhaseCost ScoreOneThread, PhaseCost ScoreParallel);

/// <summary>
/// Times every detector of an experiment on one loaded dataset, the same way each repeat: fit, then score
/// on one thread, then score in parallel. Detectors are fitted in config order and kept until the repeat
/// ends, so an ensemble finds its members (as in a run).
/// </summary>
public static class DetectorBenchmark
{
    /// <returns>Samples[repeat][detector], in config order; warm-up repeats are not included.</returns>
    public static IReadOnlyList<IReadOnlyList<DetectorSample>> Run(IReadOnlyList<DetectorSpec> detectors, LabeledDataset dataset, int seed,
        int repeats, int warmups, Action<string>? status = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmups);
        var samples = new List<IReadOnlyList<DetectorSample>>(repeats);
        // Untimed warm-up repeats (negative numbers) first, so the measured ones run tier-1 JIT code, as a long run does.
        for (var repeat = -warmups; repeat < repeats; repeat++)
        {
            var fitted = new Dictionary<string, IFittedDetector>(StringComparer.Ordinal);
            var row = new List<DetectorSample>(detectors.Count);
            try
            {
                foreach (var spec in detectors)
                {
                    status?.Invoke(repeat < 0 ? $"warm-up: {spec.Name}" : $"repeat {repeat + 1}/{repeats}: {spec.Name}");
                    row.Add(Measure(spec, dataset, new FitContext(seed, Cancellation: cancellation, FittedDetectors: fitted), fitted));
                }

                // Last fitted first, so an ensemble goes before the members it references.
                for (var d = detectors.Count - 1; d >= 0; d--)
                {
                    row[d] = row[d] with { ModelManagedBytes = Drop(fitted, detectors[d].Name) };
                }
            }
            finally
            {
                foreach (var model in fitted.Values)
                {
                    model.Dispose();
                }
            }

            if (repeat >= 0)
            {
                samples.Add(row);
            }
        }

        return samples;
    }

    private static DetectorSample Measure(DetectorSpec spec, LabeledDataset dataset, FitContext context, Dictionary<string, IFittedDetector> fitted)
    {
        var detector = spec.Create();
        IFittedDetector? model = null;
        // Recordings are fitted on and scored as their streams, the sequences detectors see (DetectorSequences).
        var train = DetectorSequences.Of(dataset.Train);
        var test = DetectorSequences.Of(dataset.Test);
        var fit = PhaseMeter.Measure(() => model = detector.Fit(train, context));
        fitted[spec.Name] = model!;

        // Only the trace scores are kept, as a stream scorer would: per-position scores die with their trace.
        var values = new double[test.Count];
        var oneThread = PhaseMeter.Measure(() =>
        {
            for (var i = 0; i < test.Count; i++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                values[i] = model!.Score(test[i]).Value;
            }
        });
        var parallel = PhaseMeter.Measure(() => model!.ScoreMany(test, context.Cancellation));
        return new DetectorSample(fit, ModelManagedBytes: 0, oneThread, parallel);
    }

    /// <summary>Disposes and forgets a fitted model; returns the live managed bytes that freed.</summary>
    private static long Drop(Dictionary<string, IFittedDetector> fitted, string name)
    {
        var before = PhaseMeter.LiveManagedBytes();
        fitted.Remove(name, out var model);
        model!.Dispose();
        model = null;
        return before - PhaseMeter.LiveManagedBytes();
    }
}
