using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.Selection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Probes.Selection;

/// <summary>
/// Reports what a <c>select:</c> chose and why: the criterion and every variant's value, read off the fitted
/// model (<see cref="FittedSelection"/>), so a model loaded from the cache reports the same choice. Null for
/// detectors without a selection. It reads no test data.
/// </summary>
public sealed class SelectionProbe : IDetectorProbe
{
    public const string ProbeName = "selection";

    public string Name => ProbeName;

    public Type ResultType => typeof(SelectionProbeResult);

    public bool AppliesTo(LabeledDataset dataset) => true;

    public ProbeResult? Probe(string detector, int seed, IFittedDetector fitted, LabeledDataset dataset, IReadOnlyList<double> testScores) =>
        fitted.As<FittedSelection>() is { } selection ? new SelectionProbeResult(selection.Outcome) : null;
}

/// <summary>What <see cref="SelectionProbe"/> found for one detector and seed.</summary>
public sealed record SelectionProbeResult(SelectionOutcome Outcome) : ProbeResult(SelectionProbe.ProbeName);
