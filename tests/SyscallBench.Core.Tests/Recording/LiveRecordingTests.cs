using System.IO.Compression;
using System.Text.Json;
using SyscallBench.Core.Recording;
using SyscallBench.Core.Tests.Datasets;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Recording;

/// <summary>
/// Real recordings of real commands: as root, with the engine installed (CI installs clang, libbpf-dev and bpftrace
/// and mounts tracefs); skipped elsewhere, saying what is missing. They run alone, after the other tests: a busy
/// recorded command would take the CPU from tests that measure time.
/// </summary>
[Collection(LiveRecordingCollection.Name)]
public sealed class LiveRecordingTests
{
    [RecordingFact(CaptureEngineChoice.RingBuffer)]
    public void GivenCatOfEtcHostname_WhenRecordedWithTheRingBuffer_ThenItsOpenatReadWriteAndCloseAppearWithItsPidAndTid() =>
        CatOfEtcHostnameIsRecorded(CaptureEngineChoice.RingBuffer);

    [RecordingFact(CaptureEngineChoice.Bpftrace)]
    public void GivenCatOfEtcHostname_WhenRecordedWithBpftrace_ThenItsOpenatReadWriteAndCloseAppearWithItsPidAndTid() =>
        CatOfEtcHostnameIsRecorded(CaptureEngineChoice.Bpftrace);

    private static void CatOfEtcHostnameIsRecorded(CaptureEngineChoice engine)
    {
        // sh execs cat, which keeps the command's pid; its output goes to /dev/null, where coreutils' cat uses
        // read and write (into a regular file it would use copy_file_range).
        var (lines, json) = Record(engine, ["sh", "-c", "exec cat /etc/hostname > /dev/null"]);

        var pid = json.GetProperty("recorder").GetProperty("command_pid").GetInt32();
        var cat = lines.Where(l => l.ProcessName == "cat").ToList();
        Assert.All(cat, l => Assert.Equal((pid, pid), (l.Pid, l.Tid)));
        var calls = cat.Select(l => (l.Syscall, l.Direction)).ToHashSet();
        foreach (var syscall in new[] { "openat", "read", "write", "close" })
        {
            Assert.Contains((syscall, ">"), calls);
            Assert.Contains((syscall, "<"), calls);
        }

        Assert.Contains(cat, l => l.Syscall == "write" && l.Direction == "<" && l.Arguments == $"res={File.ReadAllText("/etc/hostname").Length}");
        Assert.Equal(0, json.GetProperty("recorder").GetProperty("command_exit_code").GetInt32());
        Assert.Equal(0, json.GetProperty("recorder").GetProperty("lost_events").GetInt64());
        Assert.Equal(lines.Count, json.GetProperty("recorder").GetProperty("events").GetInt64());
        Assert.Equal(lines.OrderBy(l => l.Time).Select(l => l.Time), lines.Select(l => l.Time)); // in time order
        Assert.False(Directory.Exists(json.GetProperty("recorder").GetProperty("cgroups")[0].GetProperty("path").GetString()));
    }

    [RecordingFact(CaptureEngineChoice.Auto)]
    public void GivenACommandThatStartsAChild_WhenRecorded_ThenTheChildsCallsAreRecordedUnderItsOwnPid()
    {
        var (lines, json) = Record(CaptureEngineChoice.Auto, ["sh", "-c", "cat /etc/hostname > /dev/null & wait"]);

        var pid = json.GetProperty("recorder").GetProperty("command_pid").GetInt32();
        var child = lines.Where(l => l.ProcessName == "cat").Select(l => l.Pid).Distinct().ToList();
        Assert.NotEqual(pid, Assert.Single(child));
        Assert.Contains(lines, l => l.Pid == pid && l.Syscall == "wait4");
    }

    [RecordingFact(CaptureEngineChoice.Auto)]
    public void GivenACommandThatIsSlowToStart_WhenRecorded_ThenItRunsToItsEndInsteadOfBeingTakenForFinished()
    {
        // The cgroup stays empty until the command has moved itself in: an empty cgroup right after starting it
        // must not end the recording (it did: the command was killed before its first instruction).
        var (lines, json) = Record(CaptureEngineChoice.Auto, ["sh", "-c", "sleep 0.3; exec cat /etc/hostname > /dev/null"]);

        Assert.Equal("command exited", json.GetProperty("recorder").GetProperty("stop_reason").GetString());
        Assert.Equal(0, json.GetProperty("recorder").GetProperty("command_exit_code").GetInt32());
        Assert.Contains(lines, l => l.ProcessName == "cat" && l.Syscall == "exit_group");
    }

    [RecordingFact(CaptureEngineChoice.Auto)]
    public void GivenALongCommandAndADuration_WhenRecorded_ThenCapturingStopsThenAndTheCommandAndItsCgroupAreGone()
    {
        var started = DateTime.UtcNow;

        var (_, json) = Record(CaptureEngineChoice.Auto, ["sleep", "60"], TimeSpan.FromSeconds(1));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
        Assert.Equal("duration", json.GetProperty("recorder").GetProperty("stop_reason").GetString());
        Assert.InRange(json.GetProperty("recording_time").GetDouble(), 1.0, 10.0);
        Assert.False(Directory.Exists(json.GetProperty("recorder").GetProperty("cgroups")[0].GetProperty("path").GetString()));
    }

    [RecordingFact(CaptureEngineChoice.Auto)]
    public void GivenABusyCommand_WhenRecorded_ThenTheRecordingTimeEndsWithItsLastCallNotAfterTheEventsAreWrittenOut()
    {
        // dd copying byte by byte makes 600,000 events; writing them out afterwards takes seconds, which were
        // counted into recording_time.
        var (lines, json) = Record(CaptureEngineChoice.Auto, ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=150000", "status=none"]);

        var start = json.GetProperty("time").GetProperty("warmup_end").GetProperty("absolute").GetDouble();
        var lastCall = lines[^1].Time / 1e9;
        Assert.True(lines.Count > 600_000, $"only {lines.Count} events");
        Assert.InRange(json.GetProperty("recording_time").GetDouble(), lastCall - start, lastCall - start + 0.75);
    }

    [RecordingFact(CaptureEngineChoice.Auto)]
    public void GivenStandardOutput_WhenACommandIsRecorded_ThenItsLinesStreamThereInTimeOrderAndNoFileIsWritten()
    {
        var streamed = new StringWriter();

        var result = Recorder.Record(new RecordingRequest
        {
            Target = new RecordingTarget.Command(["sh", "-c", "exec cat /etc/hostname > /dev/null"]),
            Output = RecordingRequest.StandardOutput,
            StandardOutputWriter = streamed,
        }, new NoLog(), CancellationToken.None);

        var lines = streamed.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        Assert.Empty(result.Files);
        Assert.Equal(result.Events, lines.Count);
        Assert.Contains(lines, l => l[3] == "cat" && l[5] == "openat" && l[6] == ">");
        Assert.Equal(lines.Select(l => long.Parse(l[0])).Order(), lines.Select(l => long.Parse(l[0])));
    }

    [RecordingFact(CaptureEngineChoice.Auto)]
    public void GivenACgroupThatIsRemovedWhileRecorded_WhenItIsGone_ThenTheRecordingEndsAndIsWritten()
    {
        // A stopped container takes its cgroup with it: the recording ends there instead of running on, empty.
        var hierarchy = Core.Recording.Linux.CgroupV2.Find()!;
        var cgroup = Path.Combine(hierarchy.MountPoint, "syscallbench-test-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(cgroup);
        using var folder = new TempDirectory();
        var output = folder.Combine("gone.zip");
        var recording = Task.Run(() => Recorder.Record(new RecordingRequest
        {
            Target = new RecordingTarget.Cgroup(cgroup),
            Output = output,
            Duration = TimeSpan.FromSeconds(60),
        }, new NoLog(), CancellationToken.None));
        Thread.Sleep(TimeSpan.FromSeconds(2)); // running (or still starting: the cgroup is removed either way)

        Directory.Delete(cgroup);

        Assert.True(recording.Wait(TimeSpan.FromSeconds(30)), "the recording did not end when its cgroup was removed");
        Assert.Equal("cgroup removed", recording.Result.StopReason);
        Assert.True(File.Exists(output));
    }

    /// <summary>One .sc line, split as any reader would: by single spaces, the arguments left as they are.</summary>
    private sealed record ScLine(long Time, int Pid, string ProcessName, int Tid, string Syscall, string Direction, string Arguments);

    private static (List<ScLine> Lines, JsonElement Json) Record(CaptureEngineChoice engine, string[] command, TimeSpan? duration = null)
    {
        using var folder = new TempDirectory();
        var output = folder.Combine("recording.zip");
        var result = Recorder.Record(new RecordingRequest
        {
            Target = new RecordingTarget.Command(command),
            Output = output,
            Engine = engine,
            Duration = duration,
        }, new NoLog(), CancellationToken.None);

        Assert.Equal([output], result.Files);
        using var zip = ZipFile.OpenRead(output);
        using var sc = new StreamReader(zip.GetEntry("recording.sc")!.Open());
        var lines = sc.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var fields = line.Split(' ', 8);
            return new ScLine(long.Parse(fields[0]), int.Parse(fields[2]), fields[3], int.Parse(fields[4]), fields[5], fields[6], fields[7].TrimEnd());
        }).ToList();
        using var json = JsonDocument.Parse(zip.GetEntry("recording.json")!.Open());
        return (lines, json.RootElement.Clone());
    }

    private sealed class NoLog : IRecordingLog
    {
        public void Note(string message)
        {
        }

        public void Warning(string message)
        {
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveRecordingCollection
{
    public const string Name = "Live recording";
}

/// <summary>A fact that runs only where `record -- COMMAND` can run with the engine, and says what is missing otherwise.</summary>
public sealed class RecordingFactAttribute : FactAttribute
{
    public RecordingFactAttribute(CaptureEngineChoice engine)
    {
        if (CaptureEngines.WhyCannotRecordCommands(engine) is { } why)
        {
            Skip = $"Live recording skipped: {why} CI runs these as root with clang, libbpf-dev and bpftrace installed and tracefs mounted (.ci/run).";
        }
    }
}
