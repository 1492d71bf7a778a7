using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Experiments;

/// <summary>Hears what a run is doing, for live progress displays. Every method has a no-op default.</summary>
public interface IRunObserver
{
    void DatasetLoading(string type) { }

    void DatasetStatus(string status) { }

    void DatasetLoaded(LabeledDataset dataset) { }

    void FitStarted(string detector, int seed) { }

    void FitProgress(string detector, int seed, FitProgress progress) { }

    void ScoreStarted(string detector, int seed, int traces) { }

    void DetectorFinished(DetectorResult result) { }
}

/// <summary>An observer that ignores everything (tests, scripted use).</summary>
public sealed class SilentRunObserver : IRunObserver
{
    public static SilentRunObserver Instance { get; } = new();
}
