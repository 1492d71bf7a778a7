using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.Ensemble;
using SyscallBench.TestSupport.Detection;

namespace SyscallBench.Core.Tests.Detection;

/// <summary>Core's detectors under the shared contract: the n-gram family and the ensemble (over stide and ngram).</summary>
public sealed class CoreContractSubjects : IDetectorContractSubjects
{
    public static DetectorRegistry Registry { get; } =
        new([.. DetectorRegistry.CoreDescriptors, EnsembleDetector.Descriptor(() => Registry!)]); // called at load time, after initialisation

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FastOptions { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            // Members are detector names; here every type's shared model goes by its type name.
            [EnsembleDetector.TypeName] = new Dictionary<string, string>(StringComparer.Ordinal) { ["members"] = "[stide, ngram]" },
        };
}

public sealed class CoreDetectorContractTests(DetectorContractFixture<CoreContractSubjects> fixture) : DetectorContractTests<CoreContractSubjects>(fixture);
