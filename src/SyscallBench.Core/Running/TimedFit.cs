using System.Diagnostics;
using Trace = SyscallBench.Core.Traces.Trace;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;

namespace SyscallBench.Core.Running;

/// <summary>
/// A unit's fit and its fit time, measured the same way whether the run fits in its own process or in a
/// fit worker (<see cref="Workers.FitWorker"/>): from creating the detector to the fitted model.
/// </summary>
public static class TimedFit
{
    public static (IFittedDetector Fitted, TimeSpan FitTime) Run(DetectorSpec detector, IReadOnlyList<Trace> train, FitContext context)
    {
        var clock = Stopwatch.StartNew();
        var fitted = detector.Create().Fit(train, context);
        return (fitted, clock.Elapsed);
    }
}
