using System.Runtime.InteropServices;

namespace SyscallBench.Core.Traces;

/// <summary>
/// The regular files below a folder, for commands that read every file of it: symbolic links to folders are
/// not followed (`ln -s ../d d/self` made the same file be read about 40 times, then a crash), and dangling
/// links, FIFOs, sockets and devices are skipped (a FIFO hung the reader until something wrote to it), each
/// with a message for the caller to show.
/// </summary>
public static class RegularFiles
{
    /// <summary>Every regular file below <paramref name="folder"/> (links to files followed), in no particular order.</summary>
    /// <param name="folder">The folder to walk.</param>
    /// <param name="skipped">Told about each entry left out, with the reason.</param>
    public static IEnumerable<string> Below(string folder, Action<string>? skipped = null)
    {
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var entry in new DirectoryInfo(current).EnumerateFileSystemInfos())
            {
                // Built from the folder as given, so a relative folder gives relative paths.
                var path = Path.Combine(current, entry.Name);
                if (entry.LinkTarget is not null && entry is DirectoryInfo)
                {
                    skipped?.Invoke($"{entry.FullName}: a symbolic link to a folder, not followed (it may loop back).");
                }
                else if (entry is DirectoryInfo)
                {
                    pending.Push(path);
                }
                else if (entry.LinkTarget is not null && entry.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
                {
                    skipped?.Invoke($"{entry.FullName}: a symbolic link to '{entry.LinkTarget}', which does not exist; skipped.");
                }
                else if (!IsRegular(path))
                {
                    skipped?.Invoke($"{entry.FullName}: not a regular file (a FIFO, socket or device); skipped.");
                }
                else
                {
                    yield return path;
                }
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="path"/> (links followed) is a regular file. .NET does not tell a FIFO from a
    /// file, so on Linux this asks stat(2) for the file type; elsewhere every file counts as regular.
    /// </summary>
    public static bool IsRegular(string path)
    {
        // st_mode's offset in struct stat: after st_dev, st_ino, st_nlink on x86-64; after st_dev, st_ino on arm64.
        var modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (!OperatingSystem.IsLinux() || modeOffset < 0)
        {
            return true;
        }

        var buffer = new byte[256]; // larger than struct stat on either architecture
        if (NativeStat.stat(path, buffer) != 0)
        {
            return false; // gone, or a link to nothing: nothing to read either way
        }

        const uint typeMask = 0xF000, regular = 0x8000;
        return (BitConverter.ToUInt32(buffer, modeOffset) & typeMask) == regular;
    }

    private static class NativeStat
    {
#pragma warning disable SYSLIB1054, CA5392, IDE1006 // a plain C call; LibraryImport would need unsafe code in Core
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
        internal static extern int stat(string path, byte[] buffer);
#pragma warning restore SYSLIB1054, CA5392, IDE1006
    }
}
