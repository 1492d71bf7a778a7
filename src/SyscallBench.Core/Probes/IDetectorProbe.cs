using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Probes;

/// <summary>
/// A question asked of every fitted detector while it is still loaded, beyond its test-set scores
/// (for example the generalization study: is the never-seen "8 8 8 9" scored as normal?). Probes may
/// score training normals or query next-call predictions; they never feed anything back into fitting.
/// </summary>
public interface IDetectorProbe
{
    string Name { get; }

    /// <summary>The concrete <see cref="ProbeResult"/> type, so probes.json can be read back (`report`).</summary>
    Type ResultType { get; }

    /// <summary>Whether this probe has a question for this dataset (most probes serve one dataset type).</summary>
    bool AppliesTo(LabeledDataset dataset);

    /// <summary>Asks the question of one fitted detector.</summary>
    /// <param name="detector">The detector's name in the experiment.</param>
    /// <param name="seed">The seed it was fitted with.</param>
    /// <param name="fitted">The fitted detector, still loaded.</param>
    /// <param name="dataset">The run's dataset.</param>
    /// <param name="testScores">
    /// The trace scores the runner already computed for <paramref name="dataset"/>'s test split, entry i for test
    /// trace i: probes reuse them instead of scoring the test set again, and score again only the few traces whose
    /// position scores they need (the runner keeps none: for a long trace they cost 8 bytes a call).
    /// </param>
    /// <returns>The finding, or null when the probe has no question for this detector (e.g. it predicts nothing).</returns>
    ProbeResult? Probe(string detector, int seed, IFittedDetector fitted, LabeledDataset dataset, IReadOnlyList<double> testScores);
}

/// <summary>What a probe found for one detector and seed; exported as JSON by its concrete type.</summary>
public abstract record ProbeResult(string Probe);
