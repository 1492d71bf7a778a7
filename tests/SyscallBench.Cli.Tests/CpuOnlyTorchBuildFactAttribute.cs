using SyscallBench.Lstm.Native;

namespace SyscallBench.Cli.Tests;

/// <summary>A fact that needs `device: cuda` to fail: skipped in a build with the CUDA libtorch, where a GPU may be visible.</summary>
public sealed class CpuOnlyTorchBuildFactAttribute : FactAttribute
{
    public CpuOnlyTorchBuildFactAttribute()
    {
        if (TorchBuild.HasCudaLibTorch)
        {
            Skip = $"This build has the CUDA libtorch ({TorchBuild.LibTorchPackage}): a GPU may be visible, so device: cuda may succeed.";
        }
    }
}
