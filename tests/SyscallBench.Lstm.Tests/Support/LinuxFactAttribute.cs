namespace SyscallBench.Lstm.Tests.Support;

/// <summary>A fact about the Linux build output (the libLibTorchSharp.so patch); skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "The libLibTorchSharp.so patch applies to Linux builds only.";
        }
    }
}
