namespace SyscallBench.Core.Recording;

/// <summary>What to record: a command in a fresh cgroup, an existing cgroup, a container's cgroup, or every cgroup.</summary>
public abstract record RecordingTarget
{
    private RecordingTarget()
    {
    }

    /// <summary>`record OUT -- COMMAND ARGS...`: runs the command in a cgroup made for it, so its whole process tree is captured.</summary>
    public sealed record Command(IReadOnlyList<string> Arguments) : RecordingTarget;

    /// <summary>`record OUT --cgroup PATH`: the tasks of an existing cgroup (a path under the cgroup v2 mount, or relative to it).</summary>
    public sealed record Cgroup(string Path) : RecordingTarget;

    /// <summary>`record OUT --container NAME|ID`: a Docker or Podman container's cgroup, through `docker inspect` / `podman inspect`.</summary>
    public sealed record Container(string NameOrId) : RecordingTarget;

    /// <summary>`record OUT --all`: every task on the machine, one recording per cgroup.</summary>
    public sealed record AllCgroups : RecordingTarget;
}

/// <summary>Which capture engine to use.</summary>
public enum CaptureEngineChoice
{
    /// <summary>The ring buffer where clang, libbpf and kernel BTF are there, bpftrace otherwise.</summary>
    Auto,
    RingBuffer,
    Bpftrace,
}

/// <summary>A recording to make: the `record` command's arguments, checked.</summary>
public sealed record RecordingRequest
{
    /// <summary>The output meaning standard output.</summary>
    public const string StandardOutput = "-";

    public required RecordingTarget Target { get; init; }

    /// <summary>NAME.zip; a folder for <see cref="RecordingTarget.AllCgroups"/>; "-" for .sc lines on standard output.</summary>
    public required string Output { get; init; }

    public TimeSpan? Duration { get; init; }

    public CaptureEngineChoice Engine { get; init; } = CaptureEngineChoice.Auto;

    /// <summary>The kernel buffer, in MiB (a power of two): the ring buffer's size, or bpftrace's perf buffers over all CPUs.</summary>
    public int BufferMegabytes { get; init; } = 32;

    /// <summary>LID-DS "image": what was recorded (default: the command's program, the container or the cgroup).</summary>
    public string? Image { get; init; }

    /// <summary>The attack this recording contains (LID-DS "exploit_name"); null for a normal recording.</summary>
    public string? ExploitName { get; init; }

    /// <summary>A file where a scenario writes "UNIX_SECONDS NAME" lines while recording, one per attack start.</summary>
    public string? ExploitLog { get; init; }

    /// <summary>When the recorded service was ready, Unix seconds (LID-DS "container_ready"), where a scenario knows it.</summary>
    public double? ContainerReadyUnixSeconds { get; init; }

    /// <summary>Its address, for LID-DS "container"."ip".</summary>
    public string? ContainerIp { get; init; }

    /// <summary>Where "-" streams .sc lines: the process's standard output unless given (tests give a writer).</summary>
    public TextWriter? StandardOutputWriter { get; init; }

    public bool WritesStandardOutput => Output == StandardOutput;

    /// <summary>Every problem with the request, at once.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BufferMegabytes < 1 || BufferMegabytes > 4096 || (BufferMegabytes & (BufferMegabytes - 1)) != 0)
        {
            problems.Add($"--buffer-mb must be a power of two from 1 to 4096, got {BufferMegabytes}");
        }

        if (Duration is { } duration && duration <= TimeSpan.Zero)
        {
            problems.Add("--duration must be positive");
        }

        if (Target is RecordingTarget.Command { Arguments.Count: 0 })
        {
            problems.Add("no command after --");
        }

        if (Target is RecordingTarget.AllCgroups && !WritesStandardOutput && Output.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"--all writes one recording per cgroup into a folder: give a folder, not {Output}");
        }

        if (Target is RecordingTarget.AllCgroups && WritesStandardOutput)
        {
            problems.Add("--all cannot stream to standard output: .sc lines carry no cgroup, so the cgroups' streams would be mixed; give a folder (one recording per cgroup), or record one cgroup or container with -");
        }

        return problems;
    }
}
