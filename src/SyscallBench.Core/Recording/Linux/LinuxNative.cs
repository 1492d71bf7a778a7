using System.Runtime.InteropServices;

namespace SyscallBench.Core.Recording.Linux;

/// <summary>The few libc calls recording needs that .NET does not offer (effective uid, signals, inode numbers, mount).</summary>
internal static partial class LinuxNative
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "getpid")]
    public static partial int GetProcessId();

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; false when it failed (the process is gone, errno ESRCH).</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>The inode number of a path: on cgroup v2 the cgroup's id, the value eBPF's bpf_get_current_cgroup_id returns.</summary>
    public static ulong InodeOf(string path)
    {
        var buffer = new byte[256]; // struct statx is 256 bytes; stx_ino is the u64 at offset 32 on every architecture
        if (Statx(AtFdCwd, path, 0, StatxIno, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"{path}: statx failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
        }

        return BitConverter.ToUInt64(buffer, 32);
    }

    /// <summary>mount(2); on failure the message names the errno.</summary>
    public static string? Mount(string source, string target, string fileSystemType)
    {
        if (MountNative(source, target, fileSystemType, 0, 0) == 0)
        {
            return null;
        }

        var errno = Marshal.GetLastPInvokeError();
        return $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MountNative(string source, string target, string fileSystemType, ulong flags, nint data);
}
