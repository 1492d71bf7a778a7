using System.IO.Compression;
using System.Text.RegularExpressions;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Traces.Strace;

/// <summary>Real strace output (tests/Fixtures/strace, README there says how each was recorded) read end to end.</summary>
public sealed partial class StraceGoldenTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "strace");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Fixture(string name) => Path.Combine(Fixtures, name);

    private static StreamReader OpenFixture(string name) => new(MaybeGzippedFile.OpenRead(Fixture(name)));

    private static (StraceEvent[] Events, StraceReader Reader) ReadFixture(string name, StraceReaderOptions? options = null)
    {
        var reader = new StraceReader(name, options);
        using var text = OpenFixture(name);
        return (reader.Read(text).ToArray(), reader);
    }

    private static double Clock(int hours, int minutes, double seconds) => hours * 3600 + minutes * 60 + seconds;

    [Theory]
    [InlineData("threads-f-tt.strace")]
    [InlineData("thread-execve-f-tt.strace")]
    [InlineData("sh-child-f-tt.strace")]
    [InlineData("sleep-killed-tt.strace")]
    [InlineData("sleep-stop-cont-ttt.strace")]
    [InlineData("sh-no-timestamps.strace")]
    [InlineData("sh-f-stderr.strace")]
    [InlineData("ff/sh.11094")]
    [InlineData("ff/sh.11095")]
    [InlineData("options/sh-true-f-tt-T-y-i.strace")]
    [InlineData("options/sh-true-f-k.strace.gz")]
    [InlineData("options/sh-true-f-r.strace")]
    [InlineData("options/sh-true-f-unix-ns.strace")]
    [InlineData("options/sh-true-f-tt-Y.strace")]
    [InlineData("options/sh-true-f-Y-terminal.strace")]
    [InlineData("options/sh-true-f-tt-X.strace")]
    public void GivenRealStraceOutput_WhenRead_ThenNoLineIsMalformedAndEveryCallStartIsOneCallEvent(string name)
    {
        // Given: call starts counted the obvious way: every line that is neither a resumed line, a signal nor an exit.
        using var text = OpenFixture(name);
        var lines = text.ReadToEnd().Split('\n')[..^1];
        // A line after one that strace's "Process N attached" message cut in two is that call's second half.
        var expectedCalls = lines.Where((l, i) => !NotACallStart().IsMatch(l) && !(i > 0 && lines[i - 1].IndexOf("strace: Process", StringComparison.Ordinal) > 0)).Count();

        // When
        var (events, reader) = ReadFixture(name, new StraceReaderOptions { Strict = true });

        // Then
        Assert.Equal(0, reader.MalformedLines);
        Assert.Null(reader.TruncatedLastLine);
        Assert.Equal(lines.Length, reader.LinesRead);
        Assert.Equal(expectedCalls, events.Count(e => e.Kind == StraceEventKind.Call));
        Assert.Equal(lines.Count(l => l.Contains(" +++", StringComparison.Ordinal) && !l.Contains("superseded", StringComparison.Ordinal)),
            events.Count(e => e.Kind is StraceEventKind.Exited or StraceEventKind.Killed));
        Assert.All(events, e => Assert.Equal(e.Kind == StraceEventKind.Call ? SyscallNames.X86_64.IdOf(e.Name) : 0, e.Number));
    }

    [Fact]
    public void GivenThreeThreadsWithInterleavedUnfinishedCalls_WhenRead_ThenEachCallIsYieldedOnceAtItsStartWithItsTime()
    {
        // When
        var (events, _) = ReadFixture("threads-f-tt.strace");

        // Then: thread 10808's clock_nanosleep starts on line 50 and resumes on line 61; it is yielded at line 50 only.
        var sleeps = events.Where(e => e is { Kind: StraceEventKind.Call, Name: "clock_nanosleep" }).ToArray();
        Assert.Equal(
            [
                new StraceEvent(StraceEventKind.Call, 10808, Clock(16, 19, 49.374218), "clock_nanosleep", 230, 50),
                new StraceEvent(StraceEventKind.Call, 10809, Clock(16, 19, 49.374539), "clock_nanosleep", 230, 60),
            ],
            sleeps);
        Assert.DoesNotContain(events, e => e.Line is 61 or 69);
        Assert.Equal([(10808, 62L), (10809, 70L), (10807, 76L)],
            events.Where(e => e.Name == "write").Select(e => (e.Pid, e.Line)));
        Assert.Equal([(10808, "0"), (10809, "0"), (10807, "0")],
            events.Where(e => e.Kind == StraceEventKind.Exited).Select(e => (e.Pid, e.Name)));
        Assert.Equal(events.OrderBy(e => e.Line).Select(e => e.Line), events.Select(e => e.Line));
    }

    [Fact]
    public void GivenThreadsAsAFile_WhenReadPerProcess_ThenThereIsOneTracePerPidInOrderOfAppearance()
    {
        // When
        var result = StraceFile.Read(Fixture("threads-f-tt.strace"));

        // Then
        Assert.Equal(["pid10807", "pid10808", "pid10809"], result.Traces.Select(t => t.Key));
        var worker = result.Traces[1];
        Assert.Equal(["rseq", "set_robust_list", "rt_sigprocmask", "clock_nanosleep", "write", "rt_sigprocmask", "madvise", "exit"], worker.CallNames());
        Assert.Equal(worker.CallNames().Select(SyscallNames.X86_64.IdOf), worker.CallNumbers());
        Assert.Equal(StraceEventKind.Exited, worker.Events[^1].Kind);
        Assert.All(worker.CallTimes(), time => Assert.InRange(time!.Value, Clock(16, 19, 49), Clock(16, 19, 50)));
    }

    [Fact]
    public void GivenAThreadThatCallsExecve_WhenRead_ThenTheExecveCountsOnceAndTheLeaderContinuesWithTheNewProgram()
    {
        // When
        var result = StraceFile.Read(Fixture("thread-execve-f-tt.strace"));

        // Then: the thread's execve (line 46) resumes on line 49 under the leader's pid; no malformed line, no second execve.
        Assert.Equal(0, result.MalformedLines);
        var execves = result.Traces.SelectMany(t => t.Calls).Where(e => e.Name == "execve").Select(e => (e.Pid, e.Line));
        Assert.Equal([(10813, 1L), (10814, 46L)], execves);
        var leader = result.Traces.Single(t => t.Pid == 10813);
        Assert.Equal("pause", leader.Calls.Last(e => e.Line < 49).Name);
        Assert.Equal("brk", leader.Calls.First(e => e.Line > 49).Name);
    }

    [Fact]
    public void GivenAShellWithAChild_WhenRead_ThenSigchldAndBothExitCodesAreEvents()
    {
        // When
        var (events, _) = ReadFixture("sh-child-f-tt.strace");

        // Then
        Assert.Equal(new StraceEvent(StraceEventKind.Signal, 10818, Clock(16, 19, 49.446942), "SIGCHLD", 0, 222),
            Assert.Single(events, e => e.Kind == StraceEventKind.Signal));
        Assert.Equal([(10819, "2"), (10818, "3")], events.Where(e => e.Kind == StraceEventKind.Exited).Select(e => (e.Pid, e.Name)));
        Assert.Equal((10818, 65L), events.Where(e => e.Name == "vfork").Select(e => (e.Pid, e.Line)).Single());
    }

    [Fact]
    public void GivenAKilledSleepWithoutPidColumn_WhenRead_ThenTheDefaultPidIsUsedAndTheKillIsAnEvent()
    {
        // When
        var (events, _) = ReadFixture("sleep-killed-tt.strace", new StraceReaderOptions { DefaultPid = 77 });

        // Then: "clock_nanosleep(... <unfinished ...>) = ?" is a complete call that never resumes.
        Assert.All(events, e => Assert.Equal(77, e.Pid));
        Assert.Equal(("clock_nanosleep", 107L), (events[^2].Name, events[^2].Line));
        Assert.Equal(new StraceEvent(StraceEventKind.Killed, 77, Clock(16, 19, 49.956986), "SIGKILL", 0, 108), events[^1]);
    }

    [Fact]
    public void GivenAStoppedAndContinuedSleepWithUnixTimes_WhenRead_ThenSignalsAndTheRestartAreInOrder()
    {
        // When
        var (events, _) = ReadFixture("sleep-stop-cont-ttt.strace");

        // Then
        Assert.Equal(
            [
                (StraceEventKind.Call, "clock_nanosleep", 1795882800.897624),
                (StraceEventKind.Signal, "SIGSTOP", 1795882801.196657),
                (StraceEventKind.Signal, "SIGSTOP", 1795882801.196688),
                (StraceEventKind.Signal, "SIGCONT", 1795882801.298553),
                (StraceEventKind.Call, "restart_syscall", 1795882801.299091),
            ],
            events.Where(e => e.Line is >= 107 and <= 111).Select(e => (e.Kind, e.Name, e.Time!.Value)));
        Assert.Equal(219, events.Single(e => e.Name == "restart_syscall").Number);
    }

    [Fact]
    public void GivenOutputWithoutTimestamps_WhenRead_ThenTimesAreNull()
    {
        var (events, _) = ReadFixture("sh-no-timestamps.strace");

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Null(e.Time));
        Assert.Equal("execve", events[0].Name);
        Assert.Equal(59, events[0].Number);
    }

    [Fact]
    public void GivenTerminalOutputWithPidBrackets_WhenRead_ThenBracketedLinesCarryTheirPid()
    {
        var (events, _) = ReadFixture("sh-f-stderr.strace");

        Assert.Equal([0, 11099, 11100], events.Select(e => e.Pid).Distinct().Order());
        Assert.Equal((11100, "execve"), events.Where(e => e.Line == 59).Select(e => (e.Pid, e.Name)).Single());

        // "vfork(strace: Process 11100 attached" + " <unfinished ...>": strace's message cut into the call line.
        Assert.Equal((0, "vfork"), events.Where(e => e.Line == 56).Select(e => (e.Pid, e.Name)).Single());
    }

    [Fact]
    public void GivenPerPidFiles_WhenRead_ThenThePidComesFromTheFileNameSuffix()
    {
        var parent = StraceFile.Read(Fixture("ff/sh.11094"));
        var child = StraceFile.Read(Fixture("ff/sh.11095"));

        Assert.Equal("pid11094", Assert.Single(parent.Traces).Key);
        Assert.Equal("pid11095", Assert.Single(child.Traces).Key);
        Assert.Equal(["execve", "brk"], child.Traces[0].CallNames().Skip(1).Take(2));
        Assert.Equal(11094, StraceFile.PidFromFileName("x/sh.11094.gz"));
        Assert.Null(StraceFile.PidFromFileName("x/sh.log"));
    }

    [Fact]
    public void GivenAGzippedCopy_WhenReadPerFile_ThenItEqualsThePlainFileAndIsOneTrace()
    {
        // Given
        var gz = _temp.Combine("threads.strace.gz");
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        {
            output.Write(File.ReadAllBytes(Fixture("threads-f-tt.strace")));
        }

        // When
        var plain = StraceFile.Read(Fixture("threads-f-tt.strace"), StraceGrouping.File);
        var compressed = StraceFile.Read(gz, StraceGrouping.File);

        // Then
        var trace = Assert.Single(compressed.Traces);
        Assert.Null(trace.Pid);
        Assert.Equal(plain.Traces[0].Events, trace.Events);
        Assert.Equal([10807, 10808, 10809], trace.Calls.Select(e => e.Pid).Distinct());
    }

    [Fact]
    public void GivenADamagedGzipFile_WhenRead_ThenTheErrorNamesTheFile()
    {
        var gz = _temp.Combine("broken.gz");
        File.WriteAllBytes(gz, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad]);

        var error = Assert.ThrowsAny<SyscallBenchException>(() => StraceFile.Read(gz));

        Assert.StartsWith($"{gz}: damaged gzip file", error.Message);
    }

    /// <summary>Lines that start no call: resumed lines, signals, exits, strace's messages, blank lines, -k stack
    /// frames, and " &lt;unfinished ...&gt;" left over from a call line that a strace message cut in two. Prefixes: pid
    /// (with -Y's "&lt;comm&gt;"), timestamp, -i instruction pointer.</summary>
    [GeneratedRegex(@"^((\[pid +\d+(<[^>]*>)?\] |\d+(<[^>]*>)? +)?( *[\d:.]+ +)?(\[[0-9a-f?]+\] +)?(<\.\.\. \w+ resumed>|---|\+\+\+|strace: |$)| <unfinished \.\.\.>$| > )")]
    private static partial Regex NotACallStart();
}
