using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Results;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Running;

/// <summary>
/// Hears what a run is doing, for live progress displays. Every method has a no-op default. The runner
/// calls it from one thread at a time (<see cref="SynchronizedRunObserver"/>), also when units run in parallel.
/// The detector argument is the unit's label: the detector name, with the split when it is not the official one.
/// </summary>
public interface IRunObserver
{
    void DatasetLoading(string type) { }

    void DatasetStatus(string status) { }

    void DatasetLoaded(LabeledDataset dataset) { }

    /// <summary>The splits the run evaluates on, with their leakage checks (test traces identical to training ones).</summary>
    void SplitsPlanned(IReadOnlyList<SplitManifest> splits) { }

    void FitStarted(string detector, int seed) { }

    void FitProgress(string detector, int seed, FitProgress progress) { }

    void ScoreStarted(string detector, int seed, int traces) { }

    /// <summary>A unit's bootstrap confidence intervals, after its scoring: resamples done over all its test sets.</summary>
    void BootstrapProgress(string detector, int seed, ResampleProgress progress) { }

    void DetectorFinished(DetectorResult result) { }

    /// <summary>The paired comparisons of the detectors, after every unit: one bootstrap per split and seed.</summary>
    void ComparisonProgress(ComparisonProgress progress) { }
}

/// <summary>An observer that ignores everything (tests, scripted use).</summary>
public sealed class SilentRunObserver : IRunObserver
{
    public static SilentRunObserver Instance { get; } = new();
}
