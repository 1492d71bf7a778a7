namespace SyscallBench.Core.Recording.LidDs;

/// <summary>When an attack started, as a scenario reported it.</summary>
/// <param name="UnixSeconds">Unix time in seconds (LID-DS "absolute").</param>
/// <param name="Name">The attack's name.</param>
/// <param name="Source">Who measured the time: "CONTROL_SCRIPT" (as in LID-DS) for the scenario runner, just before it launched the attack.</param>
public sealed record ExploitTime(double UnixSeconds, string Name, string Source);

/// <summary>A cgroup a recording captured.</summary>
public sealed record RecordedCgroup(string Path, ulong Id);

/// <summary>
/// What the NAME.json of a LID-DS 2021 recording says (<see cref="RecordingJson"/> writes it), plus the recorder's own
/// fields under "recorder".
/// </summary>
public sealed record RecordingMetadata
{
    /// <summary>The recording's name: NAME of NAME.zip, NAME.sc and NAME.json.</summary>
    public required string Name { get; init; }

    /// <summary>What was recorded, LID-DS's "image": the scenario's victim, or the command's program.</summary>
    public required string Image { get; init; }

    /// <summary>The recorded container's name (LID-DS "container" entry with role "victim").</summary>
    public required string ContainerName { get; init; }

    /// <summary>Its address, where known (the scenarios' services listen on 127.0.0.1).</summary>
    public string? ContainerIp { get; init; }

    /// <summary>The attack this recording contains, null for a normal recording (LID-DS "exploit" false).</summary>
    public string? ExploitName { get; init; }

    public IReadOnlyList<ExploitTime> Exploits { get; init; } = [];

    /// <summary>When capturing began, Unix seconds: LID-DS's "warmup_end", from which relative times count.</summary>
    public required double RecordingStartUnixSeconds { get; init; }

    /// <summary>When the recorded service was up, where known (LID-DS "container_ready").</summary>
    public double? ContainerReadyUnixSeconds { get; init; }

    /// <summary>Who measured <see cref="ContainerReadyUnixSeconds"/>: "RECORDER" (when it started the command) or "CONTROL_SCRIPT" (given by a scenario).</summary>
    public string ContainerReadySource { get; init; } = RecordingJson.RecorderSource;

    /// <summary>Seconds from the start of capturing to its end.</summary>
    public required double RecordingSeconds { get; init; }

    public required RecorderInfo Recorder { get; init; }
}

/// <summary>How a recording was made and what was lost: stored under "recorder" in its JSON.</summary>
public sealed record RecorderInfo
{
    /// <summary>The SyscallBench version with its git commit.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>"ring-buffer" or "bpftrace".</summary>
    public required string Engine { get; init; }

    public required string EngineVersion { get; init; }

    /// <summary>The cgroups recorded; empty for a system-wide recording (one per cgroup seen is written then).</summary>
    public required IReadOnlyList<RecordedCgroup> Cgroups { get; init; }

    /// <summary>The command run in a fresh cgroup, for `record OUT -- COMMAND`.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The command's process id (the pid of its events; its children have others).</summary>
    public int? CommandPid { get; init; }

    /// <summary>The command's exit code (null when it was still running when capturing stopped, or for other targets).</summary>
    public int? CommandExitCode { get; init; }

    /// <summary>Lines in NAME.sc.</summary>
    public required long Events { get; init; }

    /// <summary>Events the kernel dropped because the buffer was full (the whole capture's, for a system-wide recording).</summary>
    public required long LostEvents { get; init; }

    /// <summary>bpftrace output lines that could not be read (0 for the ring buffer).</summary>
    public required long MalformedLines { get; init; }

    public IReadOnlyList<string> MalformedExamples { get; init; } = [];

    /// <summary>Events that arrived later than the reordering window allows and were written out of time order.</summary>
    public required long OutOfOrderEvents { get; init; }

    /// <summary>Why capturing stopped: "command exited", "cgroup removed", "duration", "interrupted".</summary>
    public required string StopReason { get; init; }

    /// <summary>The numbering of the syscall names in NAME.sc.</summary>
    public string SyscallNumbering { get; init; } = "x86-64";
}
