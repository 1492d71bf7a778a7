using System.Runtime.InteropServices;
using TorchSharp;

namespace SyscallBench.Lstm.Native;

/// <summary>
/// The one gate to TorchSharp: loads libtorch on first use and turns a load failure into a
/// <see cref="LstmUnavailableException"/> naming the cause and the remedy.
/// </summary>
/// <remarks>
/// Deliberately lazy and outside any static constructor of a type that other projects touch: the CLI
/// lists and validates detectors, and runs experiments without the LSTM, on machines where libtorch
/// cannot load.
/// </remarks>
internal static class TorchRuntime
{
    /// <summary>libtorch's own intra-op thread count, read once when it loaded, before anyone changed it.</summary>
    private static int _defaultThreads;

    /// <summary>
    /// Sets libtorch's process-wide intra-op thread count for the work about to run: the detector's
    /// `threads` option, or libtorch's default when that is 0. Always set, never inherited, because the
    /// count changes how sums are split and so the last bits of a result: a model trained or scored
    /// after another detector that asked for 1 thread must not come out different. Called by
    /// <see cref="TorchGate"/>, whose passes decide who may change it when.
    /// </summary>
    internal static void UseThreads(int requested) => torch.set_num_threads(ResolveThreads(requested));

    /// <summary>The thread count <paramref name="requested"/> stands for: itself, or libtorch's default for 0.</summary>
    internal static int ResolveThreads(int requested)
    {
        EnsureAvailable();
        return requested > 0 ? requested : _defaultThreads;
    }

    private static readonly Lazy<Exception?> LoadFailure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Throws <see cref="LstmUnavailableException"/> unless libtorch is loaded and usable.</summary>
    public static void EnsureAvailable()
    {
        if (LoadFailure.Value is { } failure)
        {
            throw new LstmUnavailableException(Explain(failure, NativeLoadError()), failure);
        }
    }

    /// <summary>Resolves the <c>device</c> option to a torch device, checking that CUDA exists when asked for.</summary>
    public static torch.Device ResolveDevice(LstmDevice device)
    {
        EnsureAvailable();
        return device switch
        {
            LstmDevice.Cpu => torch.CPU,
            LstmDevice.Auto => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
            LstmDevice.Cuda when torch.cuda.is_available() => torch.CUDA,
            _ => throw new LstmUnavailableException(NoCudaDevice(TorchBuild.HasCudaLibTorch, TorchBuild.LibTorchPackage)),
        };
    }

    /// <summary>
    /// Why `device: cuda` cannot be honoured: a CPU-only build can never see a GPU (the remedy is the build
    /// switch), a CUDA build sees none on this machine (the remedy is the driver or CUDA_VISIBLE_DEVICES).
    /// </summary>
    internal static string NoCudaDevice(bool cudaLibTorch, string? libTorchPackage)
    {
        var package = libTorchPackage ?? "no libtorch package";
        return cudaLibTorch
            ? $"device: cuda was requested, but TorchSharp sees no CUDA device although this build has the CUDA libtorch ({package}). "
                + "Check that nvidia-smi lists a GPU and reports CUDA Version 12.8 or newer, and that CUDA_VISIBLE_DEVICES does not hide it; "
                + "or use device: auto (GPU when visible, else CPU) or cpu."
            : $"device: cuda was requested, but this build has the CPU-only libtorch ({package}), which never sees a GPU. "
                + $"On a machine with an NVIDIA GPU, build and run with the CUDA libtorch: dotnet run {TorchBuild.CudaSwitch} -- EXPERIMENT.yaml "
                + "(see src/SyscallBench.Lstm/README.md, 'GPU'); or use device: auto (GPU when visible, else CPU) or cpu.";
    }

    private static Exception? TryLoad()
    {
        PreferPassiveOpenMpThreads();
        try
        {
            // Any tensor operation makes TorchSharp load libLibTorchSharp and libtorch.
            torch.InitializeDeviceType(DeviceType.CPU);
            using var probe = torch.ones(1);
            _defaultThreads = torch.get_num_threads();
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or NotSupportedException or TypeInitializationException
                                       or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException)
        {
            return e;
        }
    }

    /// <summary>
    /// libtorch's OpenMP threads spin while they wait for work. On a machine whose cores are busy with
    /// other processes that spinning starves the thread doing the work: a 2-thread training loop ran
    /// about ten times slower than a 1-thread one under such load here. Passive waiting avoids the
    /// collapse at a small cost on an idle machine. Must run before libtorch (and its libgomp) loads;
    /// an OMP_WAIT_POLICY the user set wins. The native environment is needed because libgomp reads it
    /// with getenv, which Environment.SetEnvironmentVariable does not change on Unix.
    /// </summary>
    private static void PreferPassiveOpenMpThreads()
    {
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null)
        {
            _ = NativeEnvironment.setenv("OMP_WAIT_POLICY", "PASSIVE", overwrite: 0);
        }
    }

    /// <summary>
    /// TorchSharp's exception does not carry the dynamic loader's reason, so after a failure the library
    /// is loaded once more by path to get it (e.g. "version `GLIBCXX_3.4.32' not found").
    /// </summary>
    private static string? NativeLoadError()
    {
        var name = OperatingSystem.IsWindows() ? "LibTorchSharp.dll"
            : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, name),
            Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", name),
        };
        foreach (var path in candidates.Where(File.Exists))
        {
            try
            {
                NativeLibrary.Free(NativeLibrary.Load(path));
                return null;
            }
            catch (DllNotFoundException e)
            {
                // .NET prefixes the loader's reason (last line) with generic advice.
                return e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? e.Message;
            }
        }

        return $"{name} is not in {AppContext.BaseDirectory} nor in its runtimes/{RuntimeInformation.RuntimeIdentifier}/native folder";
    }

    /// <summary>One message: what failed, why, and what to do.</summary>
    /// <param name="failure">What TorchSharp threw.</param>
    /// <param name="nativeError">The dynamic loader's own message, when known.</param>
    internal static string Explain(Exception failure, string? nativeError = null)
    {
        // TorchSharp's messages carry a long probing trace; the first line of each says what matters.
        var details = nativeError ?? string.Join(" <- ", Chain(failure).Select(e => e.Message.Split('\n')[0].Trim()));
        if (details.Contains("GLIBCXX", StringComparison.Ordinal))
        {
            return "The LSTM detector is unavailable: TorchSharp's native library needs a newer C++ runtime "
                + "(libstdc++ with GLIBCXX_3.4.32, GCC 13) than this system has. The build normally patches a copy "
                + "of libLibTorchSharp.so in the output to avoid this (build/TorchSharpNative.targets); rebuild "
                + "without -p:SyscallBenchPatchLibTorchSharp=false, or install a newer libstdc++6. "
                + "Experiments without the LSTM still run. Details: " + details;
        }

        var platform = RuntimeInformation.RuntimeIdentifier;
        return "The LSTM detector is unavailable: TorchSharp's native libraries (libtorch) could not be loaded "
            + $"on {platform}. SyscallBench.Lstm brings libtorch for linux-x64, win-x64 and osx-arm64 through "
            + "its libtorch-cpu-* package; run 'dotnet build' again so they are restored and copied, or use a "
            + "supported platform. Experiments without the LSTM still run. Details: " + details;
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}

internal static partial class NativeEnvironment
{
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
#pragma warning disable IDE1006, SA1300 // The C library's name.
    internal static partial int setenv(string name, string value, int overwrite);
#pragma warning restore IDE1006, SA1300
}
