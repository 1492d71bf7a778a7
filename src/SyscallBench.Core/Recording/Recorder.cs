using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using SyscallBench.Core.Recording.Bpftrace;
using SyscallBench.Core.Recording.LidDs;
using SyscallBench.Core.Recording.Linux;
using SyscallBench.Core.Recording.RingBuffer;
using SyscallBench.Core.Recording.Sc;
using SyscallBench.Core.Running;

namespace SyscallBench.Core.Recording;

/// <summary>What a finished recording wrote and counted.</summary>
public sealed record RecordingResult(
    IReadOnlyList<string> Files, long Events, long LostEvents, long MalformedLines, long OutOfOrderEvents, string Engine, string StopReason, double Seconds, int? CommandExitCode);

/// <summary>
/// `record`: captures the system calls of a command, a cgroup, a container or the whole machine with eBPF and writes
/// them as LID-DS 2021 recordings (or .sc lines on standard output).
/// </summary>
/// <remarks>
/// Order of events: the probes are attached and seen to work before a command starts, so its first call is
/// recorded; capturing stops only when the command's cgroup is empty (the command and every process it started
/// have exited), when --duration has passed, or on Ctrl-C; a cgroup the recorder made is emptied (cgroup.kill)
/// and removed afterwards, whatever happened.
/// </remarks>
public static class Recorder
{
    private static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(60);

    public static RecordingResult Record(RecordingRequest request, IRecordingLog log, CancellationToken cancellation)
    {
        var problems = request.Problems();
        if (problems.Count > 0)
        {
            throw new SyscallBenchException("record: " + string.Join("; ", problems) + ".");
        }

        CaptureEngines.CheckMachine();
        var hierarchy = CgroupV2.Find();
        Cgroup? created = null;
        try
        {
            var cgroups = Resolve(request.Target, hierarchy, out created);
            using var engine = CaptureEngines.Create(request, log);
            return Capture(request, engine, hierarchy, cgroups, created, log, cancellation);
        }
        finally
        {
            if (created is not null)
            {
                created.KillAll();
                if (!created.WaitUntilEmpty(TimeSpan.FromSeconds(10)))
                {
                    log.Warning($"{created.Path}: processes are still running after cgroup.kill; the cgroup is left in place.");
                }
                else if (created.Remove(alsoEmptyParent: true) is { } problem)
                {
                    log.Warning(problem);
                }
            }
        }
    }

    private static IReadOnlyList<Cgroup>? Resolve(RecordingTarget target, CgroupV2? hierarchy, out Cgroup? created)
    {
        created = null;
        if (target is RecordingTarget.AllCgroups)
        {
            return null;
        }

        if (hierarchy is null)
        {
            throw new SyscallBenchException("record follows a command, cgroup or container by its cgroup v2, and no cgroup2 file system is mounted (see /proc/mounts); "
                + "mount one with: mkdir -p /sys/fs/cgroup/unified && mount -t cgroup2 none /sys/fs/cgroup/unified (or record --all).");
        }

        switch (target)
        {
            case RecordingTarget.Command:
                created = hierarchy.Create($"record-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}");
                return [created];
            case RecordingTarget.Cgroup cgroup:
                return [hierarchy.Open(cgroup.Path)];
            case RecordingTarget.Container container:
                return [ContainerCgroup.Resolve(container.NameOrId, hierarchy)];
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown recording target.");
        }
    }

    private static RecordingResult Capture(RecordingRequest request, ICaptureEngine engine, CgroupV2? hierarchy, IReadOnlyList<Cgroup>? cgroups,
        Cgroup? created, IRecordingLog log, CancellationToken cancellation)
    {
        using var outputs = RecordingOutputs.Open(request, hierarchy, cgroups);
        var filter = new CaptureFilter(cgroups?.Select(c => c.Id).ToList(), Environment.ProcessId);
        var warnings = new LostEventWarnings(log);
        var sink = new RecordingSink(outputs.WriterFor, engine.MaxDisorderNs, request.WritesStandardOutput ? warnings : null,
            request.WritesStandardOutput ? outputs.Flush : null);
        using var spool = request.WritesStandardOutput ? null : new EventSpool(SpoolFolder(request), warnings);
        ICaptureSink capturing = spool is null ? sink : spool;
        using var stop = new CancellationTokenSource();
        engine.Start(filter, cancellation);
        var capture = Task.Factory.StartNew(() => engine.Run(capturing, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Process? command = null;
        string stopReason;
        double? containerReady = request.ContainerReadyUnixSeconds;
        double start;
        try
        {
            engine.WaitUntilCapturing(AttachTimeout, cancellation);
            start = WallClock.UnixNowNs() / 1e9;
            log.Note($"recording {Describe(request.Target, cgroups)} with the {engine.Name} engine ({engine.Version}) into {(request.WritesStandardOutput ? "standard output" : request.Output)}"
                + (request.Duration is { } d ? $" for {d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : "")
                + (request.Target is RecordingTarget.Command ? "" : "; Ctrl-C stops it") + ".");
            if (request.Target is RecordingTarget.Command run)
            {
                command = StartInCgroup(run.Arguments, created!, request.WritesStandardOutput);
                containerReady ??= WallClock.UnixNowNs() / 1e9;
            }

            stopReason = WaitForEnd(request, start, created, request.Target is RecordingTarget.AllCgroups ? null : cgroups![0], capture, cancellation);
        }
        catch
        {
            stop.Cancel();
            WaitQuietly(capture);
            throw;
        }

        if (created is not null && created.IsPopulated)
        {
            created.KillAll();
            created.WaitUntilEmpty(TimeSpan.FromSeconds(10));
        }

        // The recording ends here, when capturing is told to stop: not after the spool's replay, whose time
        // grows with the number of events and is no part of what was recorded.
        var end = WallClock.UnixNowNs() / 1e9;
        stop.Cancel();
        var counts = capture.GetAwaiter().GetResult();
        spool?.Replay(sink);
        sink.Finish();
        int? exitCode = command is { HasExited: true } ? command.ExitCode : null;
        int? commandPid = command?.Id;
        command?.Dispose();
        var exploits = request.ExploitLog is null ? [] : ExploitLog.Read(request.ExploitLog);
        if (exploits.FirstOrDefault(x => x.UnixSeconds < start || x.UnixSeconds > end) is { } exploit)
        {
            throw new SyscallBenchException($"{request.ExploitLog}: the attack '{exploit.Name}' at {exploit.UnixSeconds.ToString("F6", CultureInfo.InvariantCulture)} "
                + $"lies outside the recording ({start.ToString("F6", CultureInfo.InvariantCulture)} to {end.ToString("F6", CultureInfo.InvariantCulture)}); no recording was written.");
        }

        var info = new RecorderInfo
        {
            ToolVersion = RunEnvironment.CurrentToolVersion,
            Engine = engine.Name,
            EngineVersion = engine.Version,
            Cgroups = [],
            Command = (request.Target as RecordingTarget.Command)?.Arguments,
            CommandPid = commandPid,
            CommandExitCode = exitCode,
            Events = 0,
            LostEvents = sink.LostEvents,
            MalformedLines = counts.MalformedLines,
            MalformedExamples = counts.MalformedExamples,
            OutOfOrderEvents = sink.OutOfOrder,
            StopReason = stopReason,
        };
        var files = outputs.Complete(request, info, exploits, start, end, containerReady);
        foreach (var example in counts.MalformedExamples)
        {
            log.Warning(example);
        }

        return new RecordingResult(files, counts.Events, sink.LostEvents, counts.MalformedLines, sink.OutOfOrder, engine.Name, stopReason, end - start, exitCode);
    }

    /// <summary>Beside the recording, so the spool is on the disk the recording goes to.</summary>
    private static string SpoolFolder(RecordingRequest request) =>
        request.Target is RecordingTarget.AllCgroups ? request.Output : Path.GetDirectoryName(Path.GetFullPath(request.Output))!;

    /// <summary>
    /// Why capturing stops: the command's cgroup is empty, the recorded cgroup is gone (its container stopped),
    /// --duration has passed since <paramref name="start"/> (Unix seconds), or Ctrl-C.
    /// </summary>
    private static string WaitForEnd(RecordingRequest request, double start, Cgroup? created, Cgroup? recorded, Task capture, CancellationToken cancellation)
    {
        while (true)
        {
            if (capture.IsCompleted)
            {
                capture.GetAwaiter().GetResult(); // the engine's error, if it failed
                throw new SyscallBenchException("the capture engine stopped before the recording ended.");
            }

            if (cancellation.IsCancellationRequested)
            {
                return "interrupted";
            }

            if (request.Duration is { } duration && (WallClock.UnixNowNs() / 1e9) - start >= duration.TotalSeconds)
            {
                return "duration";
            }

            if (created is not null && !created.IsPopulated)
            {
                return "command exited";
            }

            if (recorded is not null && !Directory.Exists(recorded.Path))
            {
                return "cgroup removed";
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>
    /// Starts the command through a shell that first moves itself into the cgroup, then execs the command (keeping its
    /// pid), so the command and every process it starts run in the cgroup from their first instruction.
    /// </summary>
    private static Process StartInCgroup(IReadOnlyList<string> arguments, Cgroup cgroup, bool outputToStandardError)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("echo $$ > \"$0/cgroup.procs\" && exec \"$@\"" + (outputToStandardError ? " >&2" : ""));
        start.ArgumentList.Add(cgroup.Path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SyscallBenchException($"could not start {arguments[0]}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SyscallBenchException($"could not start the command: {e.Message}", e);
        }

        // The cgroup is empty until the shell has moved itself in: waiting for that keeps an empty cgroup from
        // being taken for a command that has already finished.
        var waiting = Stopwatch.StartNew();
        while (!cgroup.IsPopulated && !process.HasExited)
        {
            if (waiting.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new SyscallBenchException($"the command did not enter its cgroup {cgroup.Path} within 30 s.");
            }

            Thread.Sleep(1);
        }

        return process;
    }

    private static string Describe(RecordingTarget target, IReadOnlyList<Cgroup>? cgroups) => target switch
    {
        RecordingTarget.Command command => $"'{string.Join(' ', command.Arguments)}' in cgroup {cgroups![0].Path}",
        RecordingTarget.Container container => $"container {container.NameOrId} (cgroup {cgroups![0].Path})",
        RecordingTarget.Cgroup => $"cgroup {cgroups![0].Path}",
        _ => "every cgroup",
    };

    private static void WaitQuietly(Task capture)
    {
        try
        {
            capture.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The first error is already on its way up; the engine's own failure would only repeat it.
        }
    }
}
