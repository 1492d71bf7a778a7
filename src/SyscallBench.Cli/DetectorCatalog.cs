using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Experiments;
using SyscallBench.MLNet;

namespace SyscallBench.Cli;

/// <summary>
/// The full set of detectors and datasets the CLI offers: Core's plus those of the ML.NET and LSTM
/// projects. The one place where the registries are composed.
/// </summary>
public static class DetectorCatalog
{
    public static DetectorRegistry Detectors { get; } =
        new([.. DetectorRegistry.CoreDescriptors, .. MLNetDetectors.Descriptors]);

    public static DatasetRegistry Datasets => DatasetRegistry.Default;

    public static ExperimentConfigReader ConfigReader() => new(Detectors, Datasets);
}
