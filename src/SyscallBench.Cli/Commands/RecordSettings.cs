using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Core.Recording;

namespace SyscallBench.Cli.Commands;

public sealed class RecordSettings : CommandSettings
{
    [CommandArgument(0, "<OUTPUT>")]
    [Description("NAME.zip: a LID-DS 2021 recording (NAME.sc + NAME.json); a folder with --all (one recording per cgroup); - to stream .sc lines to standard output (for `score -`).")]
    public string Output { get; init; } = "";

    [CommandOption("--cgroup <PATH>")]
    [Description("Record the tasks of this cgroup v2 (a path under its mount, or relative to it).")]
    public string? Cgroup { get; init; }

    [CommandOption("--container <NAME_OR_ID>")]
    [Description("Record this Docker or Podman container (its cgroup, found through `docker inspect` / `podman inspect`).")]
    public string? Container { get; init; }

    [CommandOption("--all")]
    [Description("Record every task on the machine, one recording per cgroup (OUTPUT is a folder).")]
    public bool All { get; init; }

    [CommandOption("--duration <SECONDS>")]
    [Description("Stop after this many seconds (a command still running then is ended). Without it: when the command and all its children have exited, or on Ctrl-C.")]
    public double? Duration { get; init; }

    [CommandOption("--engine <ENGINE>")]
    [Description("auto (default): the ring buffer where clang, libbpf-dev and kernel BTF are there, else bpftrace; ring-buffer; bpftrace.")]
    public string Engine { get; init; } = "auto";

    [CommandOption("--buffer-mb <MIB>")]
    [Description("Kernel buffer for events in MiB, a power of two (default 32): the ring buffer, or bpftrace's perf buffers over all CPUs.")]
    public int BufferMegabytes { get; init; } = 32;

    [CommandOption("--image <NAME>")]
    [Description("What was recorded, stored as LID-DS \"image\" (default: the command's program, the container or the cgroup).")]
    public string? Image { get; init; }

    [CommandOption("--exploit-name <NAME>")]
    [Description("The attack this recording contains (LID-DS \"exploit_name\", \"exploit\": true); without it and without --exploit-log entries the recording is normal.")]
    public string? ExploitName { get; init; }

    [CommandOption("--exploit-log <FILE>")]
    [Description("A file where a scenario writes 'UNIX_SECONDS NAME' per attack start while recording; stored as LID-DS time.exploit.")]
    public string? ExploitLog { get; init; }

    [CommandOption("--container-ready <UNIX_SECONDS>")]
    [Description("When the recorded service was ready (LID-DS time.container_ready); for a command, when it started.")]
    public double? ContainerReady { get; init; }

    [CommandOption("--container-ip <ADDRESS>")]
    [Description("The recorded service's address, stored as LID-DS container.ip.")]
    public string? ContainerIp { get; init; }

    private static readonly Dictionary<string, CaptureEngineChoice> Engines = new(StringComparer.Ordinal)
    {
        ["auto"] = CaptureEngineChoice.Auto,
        ["ring-buffer"] = CaptureEngineChoice.RingBuffer,
        ["bpftrace"] = CaptureEngineChoice.Bpftrace,
    };

    public bool WritesStandardOutput => Output == ScoreSettings.StandardInput || Output == RecordingRequest.StandardOutput;

    public override ValidationResult Validate()
    {
        var problems = new List<string>();
        if (!Engines.ContainsKey(Engine))
        {
            problems.Add($"--engine must be one of {string.Join(", ", Engines.Keys)}, got '{Engine}'");
        }

        if (Duration is { } duration && !(duration > 0 && double.IsFinite(duration)))
        {
            problems.Add($"--duration must be a positive number of seconds, got {duration.ToString("R", CultureInfo.InvariantCulture)}");
        }

        return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems));
    }

    /// <summary>The request, with the command taken from the arguments after "--"; every target problem at once.</summary>
    public RecordingRequest ToRequest(IReadOnlyList<string> command)
    {
        var targets = new List<RecordingTarget>();
        if (command.Count > 0)
        {
            targets.Add(new RecordingTarget.Command(command));
        }

        if (Cgroup is not null)
        {
            targets.Add(new RecordingTarget.Cgroup(Cgroup));
        }

        if (Container is not null)
        {
            targets.Add(new RecordingTarget.Container(Container));
        }

        if (All)
        {
            targets.Add(new RecordingTarget.AllCgroups());
        }

        if (targets.Count != 1)
        {
            throw new Core.SyscallBenchException(
                "record needs exactly one of: -- COMMAND ARGS..., --cgroup PATH, --container NAME|ID, --all"
                + (targets.Count == 0 ? " (none given)." : $" ({targets.Count} given)."));
        }

        return new RecordingRequest
        {
            Target = targets[0],
            Output = WritesStandardOutput ? RecordingRequest.StandardOutput : Output,
            Duration = Duration is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            Engine = Engines[Engine],
            BufferMegabytes = BufferMegabytes,
            Image = Image,
            ExploitName = ExploitName,
            ExploitLog = ExploitLog,
            ContainerReadyUnixSeconds = ContainerReady,
            ContainerIp = ContainerIp,
        };
    }
}
