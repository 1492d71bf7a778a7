using SyscallBench.Core.Detection;
using SyscallBench.MLNet.Ocsvm;
using SyscallBench.MLNet.Pca;

namespace SyscallBench.MLNet;

/// <summary>The registry lines of the ML.NET-based detectors; the CLI composes them with the core ones.</summary>
public static class MLNetDetectors
{
    public static IReadOnlyList<DetectorDescriptor> Descriptors { get; } =
    [
        DetectorDescriptor.Create<OcsvmOptions>(
            OcsvmDetector.TypeName,
            "nu-One-Class SVM over per-trace n-gram bags, score = -f(x) (Schölkopf et al. 2001; libsvm solver)",
            (name, options) => new OcsvmDetector(name, options),
            FittedOcsvmDetector.Load),
        DetectorDescriptor.Create<PcaOptions>(
            PcaDetector.TypeName,
            "ML.NET randomized-PCA reconstruction error over per-trace n-gram bags (Halko et al. 2011)",
            (name, options) => new PcaDetector(name, options),
            FittedPcaDetector.Load),
    ];
}
