using SyscallBench.Core.Detection;
using SyscallBench.TestSupport.Detection;

namespace SyscallBench.MLNet.Tests;

/// <summary>The ML.NET project's detectors (One-Class SVM, PCA) under the shared contract, with their defaults.</summary>
public sealed class MLNetContractSubjects : IDetectorContractSubjects
{
    public static DetectorRegistry Registry { get; } = new(MLNetDetectors.Descriptors);

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FastOptions { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
}

public sealed class MLNetDetectorContractTests(DetectorContractFixture<MLNetContractSubjects> fixture) : DetectorContractTests<MLNetContractSubjects>(fixture);
