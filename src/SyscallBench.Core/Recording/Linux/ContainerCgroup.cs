using System.Globalization;

namespace SyscallBench.Core.Recording.Linux;

/// <summary>
/// Finds a Docker or Podman container's cgroup: the engine's `inspect` gives the container's main process, whose
/// /proc/PID/cgroup names the cgroup, whatever cgroup driver the engine uses.
/// </summary>
public static class ContainerCgroup
{
    public static readonly string[] Engines = ["docker", "podman"];

    public static Cgroup Resolve(string nameOrId, CgroupV2 hierarchy)
    {
        var installed = Engines.Where(engine => ExternalProgram.FindOnPath(engine) is not null).ToList();
        if (installed.Count == 0)
        {
            throw new SyscallBenchException($"--container {nameOrId}: neither docker nor podman is installed; record the container's cgroup with --cgroup PATH instead.");
        }

        var failures = new List<string>();
        foreach (var engine in installed)
        {
            var (exitCode, output) = ExternalProgram.Run(engine, ["inspect", "--format", "{{.State.Pid}}", nameOrId], TimeSpan.FromSeconds(30));
            if (exitCode == 0 && int.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0)
            {
                return hierarchy.OfProcess(pid);
            }

            failures.Add(exitCode == 0
                ? $"{engine} inspect: the container is not running (main process '{output.Trim()}')"
                : $"{engine} inspect: {output.Trim()}");
        }

        throw new SyscallBenchException($"--container {nameOrId}: no running container of that name or id ({string.Join("; ", failures)}).");
    }
}
