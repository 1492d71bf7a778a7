using System.Reflection;

namespace SyscallBench.Lstm.Native;

/// <summary>
/// Which libtorch this build carries, as build/TorchSharpNative.targets chose it from
/// -p:SyscallBenchTorchBackend (cpu by default, or cuda) and wrote it into the assembly's metadata.
/// </summary>
public static class TorchBuild
{
    /// <summary>The switch that selects the CUDA build of libtorch, as a user types it.</summary>
    public const string CudaSwitch = "-p:SyscallBenchTorchBackend=cuda";

    /// <summary>"cpu" or "cuda".</summary>
    public static string Backend { get; } = Metadata("SyscallBenchTorchBackend") ?? "cpu";

    /// <summary>The libtorch package the build referenced (e.g. libtorch-cpu-linux-x64); null on a platform without one.</summary>
    public static string? LibTorchPackage { get; } = Metadata("SyscallBenchLibTorchPackage");

    /// <summary>Whether this build's libtorch can use a GPU at all (CUDA libtorch); even then only if one is visible.</summary>
    public static bool HasCudaLibTorch => Backend == "cuda";

    private static string? Metadata(string key) =>
        typeof(TorchBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value ? value : null;
}
