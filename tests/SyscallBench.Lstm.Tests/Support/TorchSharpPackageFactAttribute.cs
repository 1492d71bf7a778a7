namespace SyscallBench.Lstm.Tests.Support;

/// <summary>A fact that needs the unpatched libLibTorchSharp.so from the restored TorchSharp package.</summary>
public sealed class TorchSharpPackageFactAttribute : FactAttribute
{
    public TorchSharpPackageFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "The libLibTorchSharp.so patch applies to Linux builds only.";
        }
        else if (OriginalLinuxLibrary() is null)
        {
            Skip = "The TorchSharp package's libLibTorchSharp.so is not in the NuGet cache (NUGET_PACKAGES or ~/.nuget/packages).";
        }
    }

    /// <summary>The package's own (unpatched) library, where restore put it; null when not found.</summary>
    public static string? OriginalLinuxLibrary()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var version = typeof(TorchSharp.torch).Assembly.GetName().Version!;
        var path = Path.Combine(packages, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}",
            "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(path) ? path : null;
    }
}
