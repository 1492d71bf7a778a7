using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Experiments;

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

    ProbeResult Probe(string detector, int seed, IFittedDetector fitted, LabeledDataset dataset);
}

/// <summary>What a probe found for one detector and seed; exported as JSON by its concrete type.</summary>
public abstract record ProbeResult(string Probe);
