using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Results;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Running;

/// <summary>Serializes calls to an observer, so displays written for one thread stay correct when units run in parallel.</summary>
public sealed class SynchronizedRunObserver(IRunObserver inner) : IRunObserver
{
    private readonly Lock _gate = new();

    public void DatasetLoading(string type)
    {
        lock (_gate)
        {
            inner.DatasetLoading(type);
        }
    }

    public void DatasetStatus(string status)
    {
        lock (_gate)
        {
            inner.DatasetStatus(status);
        }
    }

    public void DatasetLoaded(LabeledDataset dataset)
    {
        lock (_gate)
        {
            inner.DatasetLoaded(dataset);
        }
    }

    public void SplitsPlanned(IReadOnlyList<SplitManifest> splits)
    {
        lock (_gate)
        {
            inner.SplitsPlanned(splits);
        }
    }

    public void FitStarted(string detector, int seed)
    {
        lock (_gate)
        {
            inner.FitStarted(detector, seed);
        }
    }

    public void FitProgress(string detector, int seed, FitProgress progress)
    {
        lock (_gate)
        {
            inner.FitProgress(detector, seed, progress);
        }
    }

    public void ScoreStarted(string detector, int seed, int traces)
    {
        lock (_gate)
        {
            inner.ScoreStarted(detector, seed, traces);
        }
    }

    public void BootstrapProgress(string detector, int seed, ResampleProgress progress)
    {
        lock (_gate)
        {
            inner.BootstrapProgress(detector, seed, progress);
        }
    }

    public void DetectorFinished(DetectorResult result)
    {
        lock (_gate)
        {
            inner.DetectorFinished(result);
        }
    }

    public void ComparisonProgress(ComparisonProgress progress)
    {
        lock (_gate)
        {
            inner.ComparisonProgress(progress);
        }
    }
}
