using System.Globalization;
using System.Text;

namespace SyscallBench.Core.Recording.Linux;

/// <summary>
/// The cgroup v2 hierarchy: where it is mounted, which cgroup a process is in, and a cgroup's id (what eBPF
/// programs see as bpf_get_current_cgroup_id and bpftrace as <c>cgroup</c>).
/// </summary>
/// <remarks>
/// The mount point is read from /proc/mounts rather than assumed: most systems mount it at /sys/fs/cgroup, hybrid
/// ones (systemd with v1 controllers) at /sys/fs/cgroup/unified.
/// </remarks>
public sealed class CgroupV2(string mountPoint)
{
    /// <summary>Where the recorder makes the cgroups of the commands it runs.</summary>
    public const string RecorderFolder = "syscallbench";

    public string MountPoint { get; } = mountPoint;

    /// <summary>The hierarchy mounted on this machine, or null when no cgroup2 file system is mounted.</summary>
    public static CgroupV2? Find(string procMounts = "/proc/mounts")
    {
        if (!File.Exists(procMounts))
        {
            return null;
        }

        foreach (var line in File.ReadLines(procMounts))
        {
            var fields = line.Split(' ');
            if (fields.Length >= 3 && fields[2] == "cgroup2")
            {
                return new CgroupV2(UnescapeMountPath(fields[1]));
            }
        }

        return null;
    }

    /// <summary>The cgroup folder of a path given by the user: absolute under the mount, or relative to it.</summary>
    public Cgroup Open(string path)
    {
        var full = Path.IsPathRooted(path) && path.StartsWith(MountPoint.TrimEnd('/') + "/", StringComparison.Ordinal) || path == MountPoint
            ? path
            : Path.Combine(MountPoint, path.TrimStart('/'));
        if (!File.Exists(Path.Combine(full, "cgroup.procs")))
        {
            throw new SyscallBenchException($"{path}: not a cgroup v2 folder (no cgroup.procs in {full}); cgroup v2 is mounted at {MountPoint}.");
        }

        return new Cgroup(full, LinuxNative.InodeOf(full));
    }

    /// <summary>The cgroup a process is in, from its /proc/PID/cgroup line "0::/path".</summary>
    public Cgroup OfProcess(int pid)
    {
        var file = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cgroup";
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (IOException e)
        {
            throw new SyscallBenchException($"{file}: cannot read the cgroup of process {pid}: {e.Message}", e);
        }

        var unified = lines.FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))
            ?? throw new SyscallBenchException($"{file}: process {pid} has no cgroup v2 line ('0::/path').");
        return Open(unified[3..]);
    }

    /// <summary>Makes a new, empty cgroup MOUNT/syscallbench/NAME for a command to run in.</summary>
    public Cgroup Create(string name)
    {
        var parent = Path.Combine(MountPoint, RecorderFolder);
        var path = Path.Combine(parent, name);
        try
        {
            Directory.CreateDirectory(parent);
            if (Directory.Exists(path))
            {
                throw new SyscallBenchException($"{path}: a cgroup of that name exists already.");
            }

            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SyscallBenchException($"{path}: cannot create a cgroup: {e.Message}", e);
        }

        return new Cgroup(path, LinuxNative.InodeOf(path));
    }

    /// <summary>Every cgroup folder of the hierarchy by id, for naming the cgroups a system-wide recording saw.</summary>
    public IReadOnlyDictionary<ulong, string> PathsById()
    {
        var paths = new Dictionary<ulong, string>();
        var pending = new Stack<string>([MountPoint]);
        while (pending.TryPop(out var folder))
        {
            try
            {
                paths.TryAdd(LinuxNative.InodeOf(folder), folder);
                foreach (var child in Directory.EnumerateDirectories(folder))
                {
                    pending.Push(child);
                }
            }
            catch (IOException)
            {
                // A cgroup removed while the tree is walked has no id to name: nothing recorded needs it.
            }
        }

        return paths;
    }

    /// <summary>/proc/mounts writes space, tab, newline and backslash in paths as octal escapes (\040).</summary>
    internal static string UnescapeMountPath(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && field.Length - i >= 4 && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                text.Append((char)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
