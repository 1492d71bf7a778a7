using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Detection;

/// <summary>Tiny helpers shared by the detector tests.</summary>
internal static class DetectionFixtures
{
    public static Trace T(params int[] calls) => Trace.Normal($"t{string.Join('-', calls)}", calls);

    public static IReadOnlyList<Trace> Corpus(params int[][] traces) => traces.Select(c => T(c)).ToArray();

    /// <summary>Saves through the registry (marker file + model) and loads back through it.</summary>
    public static IFittedDetector RoundTrip(IFittedDetector fitted, TempDirectory directory)
    {
        DetectorRegistry.Save(fitted, directory.Path);
        return new DetectorRegistry(DetectorRegistry.CoreDescriptors).Load(directory.Path);
    }
}
