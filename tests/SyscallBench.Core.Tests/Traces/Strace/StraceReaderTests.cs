using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;

namespace SyscallBench.Core.Tests.Traces.Strace;

/// <summary>Line shapes one at a time, written by hand after strace's documented output.</summary>
public sealed class StraceReaderTests
{
    private static (StraceEvent[] Events, StraceReader Reader) Read(string text, StraceReaderOptions? options = null)
    {
        var reader = new StraceReader("t.strace", options);
        return (reader.Read(new StringReader(text)).ToArray(), reader);
    }

    private static StraceEvent Single(string line) => Assert.Single(Read(line).Events);

    [Theory]
    [InlineData("read(3, \"abc\", 3) = 3", null, null)]
    [InlineData("1234 read(3, \"abc\", 3) = 3", 1234, null)]
    [InlineData("[pid  1234] read(3, \"abc\", 3) = 3", 1234, null)]
    [InlineData("12:00:01 read(3, \"abc\", 3) = 3", null, 43201.0)]
    [InlineData("1234  12:00:01.500000 read(3, \"abc\", 3) = 3", 1234, 43201.5)]
    [InlineData("1700000000.250000 read(3, \"abc\", 3) = 3", null, 1700000000.25)]
    [InlineData("1234 1700000000 read(3, \"abc\", 3) = 3", 1234, 1700000000.0)]
    [InlineData("1700000000 read(3, \"abc\", 3) = 3", null, 1700000000.0)]
    [InlineData("     0.000120 read(3, \"abc\", 3) = 3", null, 0.00012)]
    [InlineData("1234 12:00:01.5 [00007f3c2a1b2c3d] read(3, \"abc\", 3) = 3", 1234, 43201.5)]
    [InlineData("1234<sh> 12:00:01 read(3, \"abc\", 3) = 3", 1234, 43201.0)]
    [InlineData("1234<my server> read(3, \"abc\", 3) = 3", 1234, null)]
    [InlineData("[pid  1234<sh>] read(3, \"abc\", 3) = 3", 1234, null)]
    public void GivenACallWithAPrefix_WhenRead_ThenPidAndTimeAreAsWritten(string line, int? pid, double? time)
    {
        var e = Single(line);

        Assert.Equal(new StraceEvent(StraceEventKind.Call, pid ?? 0, time, "read", 0, 1), e);
    }

    [Theory]
    [InlineData("1234  12:00:00.000002 [ Process PID=1234 runs in 32 bit mode. ]")]
    [InlineData("[ Process PID=1234 runs in 64 bit mode. ]")]
    public void GivenStracesPersonalityNotice_WhenReadStrictly_ThenItIsNeitherACallNorMalformedNorATruncatedLine(string notice)
    {
        // Given a process switching to 32-bit mode in the middle of its calls, and the notice as the last line
        var text = $"1234  12:00:00.000001 execve(\"./a32\", [\"./a32\"], 0x7ffd /* 4 vars */) = 0\n{notice}\n"
            + $"1234  12:00:00.000003 brk(NULL) = 0x8000\n{notice}\n";

        // When
        var (events, reader) = Read(text, new StraceReaderOptions { Strict = true });

        // Then
        Assert.Equal(["execve", "brk"], events.Select(e => e.Name));
        Assert.Null(reader.TruncatedLastLine);
    }

    [Fact]
    public void GivenAThreadsExecveUnderFf_WhenBothFilesAreRead_ThenExecveCountsOnceInTheThreadsFileAndNothingIsTruncatedOrMalformed()
    {
        // Given strace -ff: thread 1235's file ends in its execve, which the leader 1234's file resumes
        const string thread = """
            set_robust_list(0x7f3c, 24) = 0
            execve("/bin/true", ["/bin/true"], 0x7ffd /* 47 vars */ <pid changed to 1234 ...>

            """;
        const string leader = """
            execve("./thread_exec", ["./thread_exec"], 0x7ffe /* 47 vars */) = 0
            futex(0x7f3c, FUTEX_WAIT, 1235, NULL <unfinished ...>
            +++ superseded by execve in pid 1235 +++
            <... execve resumed>) = 0
            brk(NULL) = 0x5610
            exit_group(0) = ?
            +++ exited with 0 +++

            """;

        // When each file is read as its own source, strictly
        var threadReader = new StraceReader("trace.1235", new StraceReaderOptions { Strict = true, DefaultPid = 1235 });
        var threadCalls = threadReader.Read(new StringReader(thread)).Where(e => e.Kind == StraceEventKind.Call).Select(e => e.Name).ToArray();
        var leaderReader = new StraceReader("trace.1234", new StraceReaderOptions { Strict = true, DefaultPid = 1234 });
        var leaderCalls = leaderReader.Read(new StringReader(leader)).Where(e => e.Kind == StraceEventKind.Call).Select(e => e.Name).ToArray();

        // Then the thread's execve is a complete call of the thread, and the leader's resumed line adds none
        Assert.Equal(["set_robust_list", "execve"], threadCalls);
        Assert.Null(threadReader.TruncatedLastLine);
        Assert.Equal(["execve", "futex", "brk", "exit_group"], leaderCalls);
    }

    [Fact]
    public void GivenRelativeTimestamps_WhenRead_ThenEachTimeIsTheSumOfTheGapsSoFarWhateverTheProcess()
    {
        // Given strace -f -r: each line's time is the gap since the line before, a resumed line's too
        var (events, _) = Read("""
            100      0.000000 read(3, "", 1) = 0
            200      0.500000 wait4(-1,  <unfinished ...>
            100      0.250000 write(1, "", 1) = 1
            200      0.125000 <... wait4 resumed>0x7ffc, 0, NULL) = 100
            100      2.000000 close(3) = 0
            100      0.000001 +++ exited with 0 +++
            """);

        // Then the times are seconds since the first line, so a time window can compare them
        Assert.Equal([0.0, 0.5, 0.75, 2.875, 2.875001], events.Select(e => e.Time!.Value).ToArray(), new ToleranceComparer(1e-9));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    [Theory]
    [InlineData("close(3)                                = 0")]
    [InlineData("open(\"/x\", O_RDONLY) = -1 ENOENT (No such file or directory)")]
    [InlineData("openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3</etc/passwd> <0.000021>")]
    [InlineData("mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, -1, 0) = 0x7f5f94c18000")]
    [InlineData("exit_group(0)                           = ?")]
    [InlineData("write(1, \"a) = b\", 6 <unfinished ...>) = ?")]
    [InlineData("read(0,  <detached ...>")]
    [InlineData("write(1, \"x <unfinished ...>\", 18) = 18")]
    public void GivenOneCompleteCallLine_WhenRead_ThenItIsOneCall(string line)
    {
        var (events, reader) = Read(line);

        Assert.Equal(StraceEventKind.Call, Assert.Single(events).Kind);
        Assert.Equal(0, reader.MalformedLines);
        Assert.Null(reader.TruncatedLastLine);
    }

    [Fact]
    public void GivenUnfinishedAndResumedLines_WhenRead_ThenTheCallIsYieldedOnceAtItsStart()
    {
        var (events, reader) = Read("""
            1 read(0,  <unfinished ...>
            2 write(1, "x", 1) = 1
            1 <... read resumed>"y", 1) = 1
            1 close(0) = 0
            """);

        Assert.Equal([(1, "read", 1L), (2, "write", 2L), (1, "close", 4L)], events.Select(e => (e.Pid, e.Name, e.Line)));
        Assert.Equal(0, reader.MalformedLines);
    }

    [Fact]
    public void GivenAResumedLineWithoutItsStart_WhenRead_ThenTheCallIsYieldedAtTheResumedLine()
    {
        // strace -p attached while the process was inside read().
        var e = Single("<... read resumed>\"y\", 1) = 1");

        Assert.Equal(("read", 1L), (e.Name, e.Line));
    }

    [Fact]
    public void GivenAResumedLineOfAnotherCall_WhenRead_ThenItIsMalformedAndStillACall()
    {
        var (events, reader) = Read("5 read(0,  <unfinished ...>\n5 <... write resumed>) = 1\n");

        Assert.Equal(["read", "write"], events.Select(e => e.Name));
        Assert.Equal(1, reader.MalformedLines);
        Assert.Equal("t.strace:2: 'write' resumed while 'read' was unfinished: '5 <... write resumed>) = 1'", reader.MalformedExamples[0]);
    }

    [Fact]
    public void GivenAResumedLineThatIsUnfinishedAgain_WhenRead_ThenTheCallIsStillYieldedOnce()
    {
        var (events, _) = Read("7 poll([{fd=3}], 1, -1 <unfinished ...>\n7 <... poll resumed> <unfinished ...>\n7 <... poll resumed>) = 1\n");

        Assert.Equal(1L, Assert.Single(events).Line);
    }

    [Theory]
    [InlineData("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=2, si_uid=0, si_status=0} ---", StraceEventKind.Signal, "SIGCHLD")]
    [InlineData("--- stopped by SIGTSTP ---", StraceEventKind.Signal, "SIGTSTP")]
    [InlineData("--- SIGRTMIN+1 {si_signo=SIGRTMIN+1, si_code=SI_QUEUE} ---", StraceEventKind.Signal, "SIGRTMIN+1")]
    [InlineData("+++ exited with 0 +++", StraceEventKind.Exited, "0")]
    [InlineData("+++ exited with 255 +++", StraceEventKind.Exited, "255")]
    [InlineData("+++ killed by SIGKILL +++", StraceEventKind.Killed, "SIGKILL")]
    [InlineData("+++ killed by SIGSEGV (core dumped) +++", StraceEventKind.Killed, "SIGSEGV")]
    public void GivenASignalOrExitLine_WhenRead_ThenItIsThatEventWithNumberZero(string line, StraceEventKind kind, string name) =>
        Assert.Equal(new StraceEvent(kind, 9, null, name, 0, 1), Single("9 " + line));

    [Fact]
    public void GivenAnExitWhileACallIsInFlight_WhenThePidIsReused_ThenTheNewProcessDoesNotPairWithTheOldCall()
    {
        var (events, reader) = Read("3 read(0,  <unfinished ...>\n3 +++ killed by SIGKILL +++\n3 <... read resumed>) = 0\n");

        Assert.Equal([("read", 1L), ("SIGKILL", 2L), ("read", 3L)], events.Select(e => (e.Name, e.Line)));
        Assert.Equal(0, reader.MalformedLines);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("\n\n   \n", 0)]
    [InlineData("strace: Process 1234 attached\n", 0)]
    [InlineData(" > /usr/lib/x86_64-linux-gnu/libc.so.6(__read+0x12) [0x10e1d2]\n", 0)]
    public void GivenLinesThatSayNothingAboutCalls_WhenRead_ThenTheyAreNeitherEventsNorMalformed(string text, int events)
    {
        var (read, reader) = Read(text);

        Assert.Equal(events, read.Length);
        Assert.Equal(0, reader.MalformedLines);
    }

    [Theory]
    [InlineData("hello world", "not a strace line")]
    [InlineData("12:99:00 read(0, \"\", 1) = 0", "bad timestamp")]
    [InlineData("1.2.3 read(0, \"\", 1) = 0", "bad timestamp")]
    [InlineData("+++ vanished +++", "bad exit line")]
    [InlineData("--- sigchld ---", "bad signal line")]
    [InlineData("<... 9x resumed>) = 0", "bad syscall name")]
    [InlineData("[pid abc] read(0, \"\", 1) = 0", "bad '[pid N]' prefix")]
    [InlineData("\u0000\u0001\u0002(", "not a strace line")]
    public void GivenAMalformedLine_WhenRead_ThenItIsCountedWithSourceLineReasonAndText(string line, string reason)
    {
        var (events, reader) = Read("close(1) = 0\n" + line + "\nclose(2) = 0\n");

        Assert.Equal(2, events.Length);
        Assert.Equal(1, reader.MalformedLines);
        Assert.StartsWith($"t.strace:2: {reason}", reader.MalformedExamples[0]);
    }

    [Fact]
    public void GivenControlCharactersInAMalformedLine_WhenReported_ThenTheyAreEscapedAndLongTextIsCut()
    {
        var (_, reader) = Read("\u0001" + new string('x', 200));

        Assert.Equal("t.strace:1: not a strace line (expected 'name(...) = result', '<... name resumed>', '---' or '+++'): '\\u0001"
            + new string('x', 79) + "...'", reader.MalformedExamples[0]);
    }

    [Fact]
    public void GivenManyMalformedLines_WhenRead_ThenAllAreCountedAndTheFirstTenKept()
    {
        var (_, reader) = Read(string.Concat(Enumerable.Repeat("hello world\n", 25)));

        Assert.Equal(25, reader.MalformedLines);
        Assert.Equal(StraceReader.MaxExamples, reader.MalformedExamples.Count);
        Assert.StartsWith("t.strace:10:", reader.MalformedExamples[^1]);
    }

    [Fact]
    public void GivenStrictMode_WhenAMalformedLineComes_ThenReadingFailsNamingSourceAndLine()
    {
        var error = Assert.Throws<StraceFormatException>(() => Read("close(1) = 0\nhello world\n", new StraceReaderOptions { Strict = true }));

        Assert.Equal(("t.strace", 2L), (error.SourceName, error.Line));
        Assert.StartsWith("t.strace:2: not a strace line", error.Message);
    }

    [Theory]
    [InlineData("1 close(3) = 0\n1 read(3, \"abc", "read")]
    [InlineData("1 close(3) = 0\n1 <... read resumed>\"ab", "read")]
    [InlineData("1 close(3) = 0\n1 openat(AT_FDCWD, \"/etc/pas", "openat")]
    public void GivenACutShortLastLine_WhenRead_ThenItsCallIsYieldedAndItIsReportedAsTruncatedNotMalformed(string text, string name)
    {
        var (events, reader) = Read(text, new StraceReaderOptions { Strict = true });

        Assert.Equal(["close", name], events.Select(e => e.Name));
        Assert.Equal(0, reader.MalformedLines);
        Assert.StartsWith("t.strace:2: truncated last line: '1 ", reader.TruncatedLastLine);
    }

    [Theory]
    [InlineData("1 close(3) = 0\n1 +++ exited with")]
    [InlineData("1 close(3) = 0\n1 --- SIGCH")]
    [InlineData("1 close(3) = 0\n1 rea")]
    [InlineData("1 close(3) = 0\n1 ")]
    public void GivenACutShortLastLineWithoutACallName_WhenRead_ThenNothingMoreIsYielded(string text)
    {
        var (events, reader) = Read(text);

        Assert.Equal("close", Assert.Single(events).Name);
        Assert.Equal(0, reader.MalformedLines);
        Assert.NotNull(reader.TruncatedLastLine);
    }

    [Fact]
    public void GivenACutShortLineInTheMiddle_WhenRead_ThenItIsMalformed()
    {
        var (events, reader) = Read("1 read(3, \"abc\n1 close(3) = 0\n");

        Assert.Equal("close", Assert.Single(events).Name);
        Assert.Equal(1, reader.MalformedLines);
        Assert.StartsWith("t.strace:1: incomplete line", reader.MalformedExamples[0]);
        Assert.Null(reader.TruncatedLastLine);
    }

    [Fact]
    public void GivenWindowsAndOldMacLineEndings_WhenRead_ThenLinesAreNumberedTheSame()
    {
        var (events, reader) = Read("close(1) = 0\r\nclose(2) = 0\rclose(3) = 0\n");

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Line));
        Assert.Equal(0, reader.MalformedLines);
    }

    [Fact]
    public void GivenALineLongerThanTheLimit_WhenRead_ThenItIsMalformedAndTheNextLineStillReads()
    {
        var (events, reader) = Read("write(1, \"" + new string('a', BoundedLineReader.MaxLineLength + 10) + "\", 1) = 1\nclose(1) = 0\n");

        Assert.Equal(("close", 2L), (Assert.Single(events).Name, events[0].Line));
        Assert.StartsWith("t.strace:1: line longer than 1048576 characters", reader.MalformedExamples[0]);
    }

    [Fact]
    public void GivenNamesTheTableDoesNotKnow_WhenRead_ThenTheyGetStableIdsAboveTheRealNumbers()
    {
        var (events, _) = Read("syscall_0x1c2(0x1, 0x2) = -1 ENOSYS (Function not implemented)\nfrobnicate() = 0\nread(0, \"\", 0) = 0\n");

        Assert.Equal(SyscallNames.UnknownNameId("syscall_0x1c2"), events[0].Number);
        Assert.Equal(SyscallNames.UnknownNameId("frobnicate"), events[1].Number);
        Assert.All(events.Take(2), e => Assert.True(e.Number >= SyscallNames.FirstUnknownNameId));
        Assert.Equal(0, events[2].Number);
    }

    [Fact]
    public void GivenAnotherTable_WhenRead_ThenNamesAreNumberedByIt()
    {
        var (events, _) = Read("read(0, \"\", 0) = 0\nmmap2(0, 4096) = 0\n", new StraceReaderOptions { Names = SyscallNames.X86_32 });

        Assert.Equal([3, 192], events.Select(e => e.Number));
    }

    [Fact]
    public void GivenACancelledToken_WhenReading_ThenItStopsWithOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var reader = new StraceReader("t");
        var events = reader.Read(new StringReader("close(1) = 0\nclose(2) = 0\n"), cancellation.Token).GetEnumerator();
        Assert.True(events.MoveNext());

        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => events.MoveNext());
    }

    [Fact]
    public void GivenAnEndlessStream_WhenReadingLazily_ThenEventsArriveBeforeTheInputEnds()
    {
        var reader = new StraceReader("stdin");

        var first = reader.Read(new EndlessReader("1 close(3) = 0\n")).Take(3).ToArray();

        Assert.Equal([1L, 2L, 3L], first.Select(e => e.Line));
    }

    /// <summary>A TextReader that repeats one line forever, like a live strace on stdin.</summary>
    private sealed class EndlessReader(string line) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[index + i] = line[_position];
                _position = (_position + 1) % line.Length;
            }

            return count;
        }
    }

    [Fact]
    public void GivenAResumedLineWithoutAName_WhenRead_ThenItIsAMalformedLineNotACrash()
    {
        // Given '<... resumed>' with no syscall name (found by the fuzz tests: ArgumentOutOfRangeException)
        const string line = "7497<sh> 16:37:09.126666 <... resumed>) = ? ERESTARTNOHAND (To be restarted if no handler)";

        // When read leniently, Then it is counted as malformed; strictly, it is a located error
        Assert.Equal(1, Read(line).Reader.MalformedLines);
        Assert.Throws<StraceFormatException>(() => Read(line, new StraceReaderOptions { Strict = true }));
    }
}
