using System.Runtime.InteropServices;
using SyscallBench.Core.Detection;
using SyscallBench.Lstm.Native;
using SyscallBench.Lstm.Tests.Support;

namespace SyscallBench.Lstm.Tests.Native;

/// <summary>`device: cuda` where no GPU can be used: a clear error naming the remedy, never a crash.</summary>
public sealed class CudaDeviceTests
{
    [Fact]
    public void GivenThisBuild_WhenAskedWhichLibtorchItCarries_ThenBackendAndPackageAreTheOnesMsBuildSelected()
    {
        // Given / When: what build/TorchSharpNative.targets wrote into the assembly.
        var (backend, package) = (TorchBuild.Backend, TorchBuild.LibTorchPackage);

        // Then: cpu (default) or cuda (-p:SyscallBenchTorchBackend=cuda), and on linux-x64 the matching package.
        Assert.Contains(backend, new[] { "cpu", "cuda" });
        if (OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64)
        {
            Assert.Equal(backend == "cpu" ? "libtorch-cpu-linux-x64" : "libtorch-cuda-12.8-linux-x64", package);
        }
    }

    [CpuOnlyTorchBuildFact]
    public void GivenACpuOnlyBuild_WhenAnLstmWithDeviceCudaIsFitted_ThenItFailsNamingTheBuildSwitch()
    {
        // Given
        var detector = new LstmDetector("lstm-gpu", new LstmOptions { EmbeddingSize = 8, HiddenSize = 16, Device = LstmDevice.Cuda });

        // When
        var error = Assert.Throws<LstmUnavailableException>(() => detector.Fit(CycleTraces.Normals(4), new FitContext(1)));

        // Then: the build, not the machine, is what lacks CUDA, and the message says how to get it.
        Assert.Contains("CPU-only libtorch", error.Message, StringComparison.Ordinal);
        Assert.Contains("-p:SyscallBenchTorchBackend=cuda", error.Message, StringComparison.Ordinal);
        Assert.Contains("device: auto", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenACudaBuildThatSeesNoGpu_WhenExplained_ThenTheMessagePointsAtTheDriverNotTheBuild()
    {
        // When
        var message = TorchRuntime.NoCudaDevice(cudaLibTorch: true, "libtorch-cuda-12.8-linux-x64");

        // Then
        Assert.Contains("libtorch-cuda-12.8-linux-x64", message, StringComparison.Ordinal);
        Assert.Contains("nvidia-smi", message, StringComparison.Ordinal);
        Assert.Contains("CUDA_VISIBLE_DEVICES", message, StringComparison.Ordinal);
        Assert.DoesNotContain("SyscallBenchTorchBackend", message, StringComparison.Ordinal);
    }
}
