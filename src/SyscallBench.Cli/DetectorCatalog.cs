using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.Ensemble;
using SyscallBench.Core.Probes;
using SyscallBench.Core.Probes.Generalization;
using SyscallBench.Core.Probes.Insights;
using SyscallBench.Core.Probes.Selection;
using SyscallBench.Lstm;
using SyscallBench.MLNet;

namespace SyscallBench.Cli;

/// <summary>
/// The full set of detectors and datasets the CLI offers: Core's plus those of the ML.NET and LSTM
/// projects. The one place where the registries are composed.
/// </summary>
public static class DetectorCatalog
{
    /// <remarks>The ensemble loads its saved members through this same registry, hence the late-bound reference.</remarks>
    public static DetectorRegistry Detectors { get; } =
        new([.. DetectorRegistry.CoreDescriptors, .. MLNetDetectors.Descriptors, .. LstmDetectors.Descriptors,
            EnsembleDetector.Descriptor(() => Detectors!)]); // called at load time, long after initialisation

    public static DatasetRegistry Datasets => DatasetRegistry.Default;

    /// <summary>The questions asked of every fitted detector on the datasets they apply to.</summary>
    public static IReadOnlyList<IDetectorProbe> Probes { get; } = [new GeneralizationProbe(), new ExplanationProbe(), new NextCallProbe(), new SelectionProbe()];

    public static ExperimentConfigReader ConfigReader() => new(Detectors, Datasets);
}
