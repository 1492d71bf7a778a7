namespace SyscallBench.Core.Recording.Linux;

/// <summary>
/// tracefs, where the kernel lists its tracepoints: bpftrace needs it for tracepoint:raw_syscalls:*. Debian does not
/// always mount it; the recorder mounts it itself when it can.
/// </summary>
public static class Tracefs
{
    public const string MountPoint = "/sys/kernel/tracing";

    /// <summary>The mount command the user can run, shown when mounting fails.</summary>
    public const string MountCommand = "mount -t tracefs nodev " + MountPoint;

    private static readonly string[] RawSyscallsFolders =
        [MountPoint + "/events/raw_syscalls", "/sys/kernel/debug/tracing/events/raw_syscalls"];

    public static bool IsAvailable() => RawSyscallsFolders.Any(Directory.Exists);

    /// <summary>Mounts tracefs where it is missing; the message says what failed and what to do, null when it is there.</summary>
    public static string? EnsureMounted()
    {
        if (IsAvailable())
        {
            return null;
        }

        if (!Directory.Exists(MountPoint))
        {
            return $"tracefs is not available and {MountPoint} does not exist (a kernel without tracing support?).";
        }

        var error = LinuxNative.Mount("nodev", MountPoint, "tracefs");
        if (error is not null)
        {
            return $"tracefs is not mounted and mounting it failed ({error}); mount it with: {MountCommand}";
        }

        return IsAvailable() ? null : $"tracefs is mounted at {MountPoint} but has no events/raw_syscalls: the kernel lacks the raw_syscalls tracepoints.";
    }
}
