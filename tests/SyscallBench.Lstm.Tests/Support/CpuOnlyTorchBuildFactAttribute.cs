using SyscallBench.Lstm.Native;

namespace SyscallBench.Lstm.Tests.Support;

/// <summary>A fact about a build whose libtorch cannot use a GPU; skipped in a build with the CUDA libtorch.</summary>
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
