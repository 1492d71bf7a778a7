using System.Globalization;

namespace SyscallBench.Core.Recording.Linux;

/// <summary>One cgroup v2 folder and its id.</summary>
public sealed class Cgroup(string path, ulong id)
{
    public string Path { get; } = path;

    /// <summary>The cgroup's id: the inode number of its folder, what eBPF sees as the calling task's cgroup.</summary>
    public ulong Id { get; } = id;

    /// <summary>Whether any process is in the cgroup or below it (cgroup.events "populated 1").</summary>
    public bool IsPopulated
    {
        get
        {
            try
            {
                return File.ReadLines(System.IO.Path.Combine(Path, "cgroup.events")).Any(line => line == "populated 1");
            }
            catch (IOException)
            {
                return false; // the cgroup is gone, so nothing is in it
            }
        }
    }

    /// <summary>The processes directly in this cgroup.</summary>
    public IReadOnlyList<int> Processes()
    {
        try
        {
            return File.ReadLines(System.IO.Path.Combine(Path, "cgroup.procs"))
                .Select(line => int.Parse(line, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>Ends every process in the cgroup and below (cgroup.kill, Linux 5.14+; SIGKILL to each listed process on older kernels).</summary>
    public void KillAll()
    {
        var kill = System.IO.Path.Combine(Path, "cgroup.kill");
        if (File.Exists(kill))
        {
            File.WriteAllText(kill, "1");
            return;
        }

        foreach (var pid in Processes())
        {
            LinuxNative.Signal(pid, LinuxNative.SigKill);
        }
    }

    /// <summary>Waits until no process is left in the cgroup; false when <paramref name="timeout"/> passed first.</summary>
    public bool WaitUntilEmpty(TimeSpan timeout, CancellationToken cancellation = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsPopulated)
        {
            if (DateTime.UtcNow > deadline || cancellation.IsCancellationRequested)
            {
                return false;
            }

            Thread.Sleep(20);
        }

        return true;
    }

    /// <summary>Removes the (empty) cgroup folder, and its parent when that is empty too; the message says why it could not.</summary>
    public string? Remove(bool alsoEmptyParent)
    {
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException e)
        {
            return $"{Path}: could not remove the cgroup: {e.Message}";
        }

        if (alsoEmptyParent)
        {
            try
            {
                Directory.Delete(System.IO.Path.GetDirectoryName(Path)!);
            }
            catch (IOException)
            {
                // Another recording's cgroup is still in it; the last one removes it.
            }
        }

        return null;
    }

    /// <summary>Moves a process into this cgroup.</summary>
    public void Add(int pid) => File.WriteAllText(System.IO.Path.Combine(Path, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
}
