using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

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

/// <summary>A fresh empty directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "syscallbench-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
