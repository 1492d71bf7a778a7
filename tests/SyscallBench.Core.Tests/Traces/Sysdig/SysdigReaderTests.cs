using System.IO.Compression;
using System.Text;
using SyscallBench.Core.Tests.Datasets.LidDs;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Sysdig;

namespace SyscallBench.Core.Tests.Traces.Sysdig;

public sealed class SysdigReaderTests
{
    private static SysdigEvent[] ReadAll(string text, SysdigFormat format = SysdigFormat.LidDs2021, string source = "rec.sc")
    {
        using var reader = new SysdigReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), source, format, SyscallNames.X86_64);
        var events = new List<SysdigEvent>();
        while (reader.Read(out var e))
        {
            events.Add(e);
        }

        return events.ToArray();
    }

    [LidDsSampleFact]
    public void GivenTheRealSample_WhenItsScFileIsRead_ThenItHasTheKnownLinesCallsSyscallsThreadsAndTimes()
    {
        // Given
        using var archive = ZipFile.OpenRead(LidDsSample.ZipPath!);
        var entry = archive.GetEntry(LidDsSample.Name + ".sc")!;
        using var stream = CheckedZipEntryStream.Open(entry, "sample");
        using var reader = new SysdigReader(stream, "sample", SysdigFormat.LidDs2021, SyscallNames.X86_64);
        var events = new List<SysdigEvent>();

        // When
        while (reader.Read(out var e))
        {
            events.Add(e);
        }

        // Then
        var entries = events.Where(e => e.Direction == SysdigDirection.Enter).ToArray();
        Assert.Equal(LidDsSample.Lines, reader.LinesRead);
        Assert.Equal(LidDsSample.Lines, events.Count);
        Assert.Equal(LidDsSample.CallEntries, entries.Length);
        Assert.Equal(LidDsSample.DistinctSyscalls, entries.Select(e => e.Syscall).Distinct().Count());
        Assert.All(entries, e => Assert.True(SyscallNames.X86_64.Contains(e.Syscall), $"line {e.Line}: {e.Syscall} is not an x86-64 syscall"));
        Assert.Equal(LidDsSample.Threads, events.Select(e => e.ThreadId).Distinct().Count());
        Assert.All(events, e => Assert.Equal("apache2", e.ProcessName));
        Assert.Equal(LidDsSample.FirstEventNanoseconds, events[0].Time);
        Assert.Equal(LidDsSample.LastEventNanoseconds, events[^1].Time);
        Assert.Equal(LidDsSample.CallEntriesFromExploitStart, entries.Count(e => e.Time >= LidDsSample.ExploitStartNanoseconds));
    }

    [Fact]
    public void GivenTheSysMinus1ExitsOlderRecordersWrote_WhenRead_ThenTheyAreReadAsOneUnknownCall()
    {
        // Given the return of rt_sigreturn as `record` wrote it before it named it (datasets/container-sample holds such lines)
        var events = ReadAll("1796493155192113178 0 6984 sh 6984 sys_-1 < res=124 \n1796493155192113179 0 6984 sh 6984 sys_-1 < res=0 \n");

        // Then both are read, with the same id, which no real syscall has
        Assert.Equal(2, events.Length);
        Assert.Equal(SyscallNames.UnknownNameId("sys_-1"), events[0].Syscall);
        Assert.Equal(events[0].Syscall, events[1].Syscall);
        Assert.Throws<SysdigFormatException>(() => ReadAll("1796493155192113178 0 6984 sh 6984 sys_-x < res=0 \n"));
    }

    [Fact]
    public void GivenA2021Line_WhenRead_ThenEveryFieldIsParsedAndTheArgumentsAreIgnored()
    {
        // When
        var e = Assert.Single(ReadAll("1631078867467689061 33 2902774 apache2 2902775 epoll_wait < res=1 data=a > b\n"));

        // Then
        Assert.Equal(new SysdigEvent(1631078867467689061, 2902774, 2902775, "apache2", 232, SysdigDirection.Exit, 1), e);
        Assert.Equal("epoll_wait", SyscallNames.X86_64.NameOf(e.Syscall));
    }

    [Fact]
    public void GivenAProcessNameWithSpaces_WhenRead_ThenTheNameKeepsThemAndTheThreadIdIsTheFieldBeforeTheSyscall()
    {
        // When
        var e = Assert.Single(ReadAll("100 0 7 Web Content 8 read > fd=3\n"));

        // Then
        Assert.Equal("Web Content", e.ProcessName);
        Assert.Equal(7, e.ProcessId);
        Assert.Equal(8, e.ThreadId);
        Assert.Equal(SysdigDirection.Enter, e.Direction);
    }

    [Fact]
    public void GivenA2019File_WhenRead_ThenTimesAreNanosecondsOfTheDayAndMidnightAddsADay()
    {
        // Given
        var text = "1 23:59:59.999999999 6 33 apache2 15862 > writev fd=12 size=31\n"
            + "2 00:00:00.000000001 6 33 apache2 15862 < writev res=31\n";

        // When
        var events = ReadAll(text, SysdigFormat.LidDs2019);

        // Then
        Assert.Equal(86_399_999_999_999L, events[0].Time);
        Assert.Equal(86_400_000_000_001L, events[1].Time);
        Assert.Equal(-1, events[0].ProcessId);
        Assert.Equal(15862, events[0].ThreadId);
        Assert.Equal("writev", SyscallNames.X86_64.NameOf(events[1].Syscall));
        Assert.Equal(SysdigDirection.Exit, events[1].Direction);
    }

    [Fact]
    public void GivenAShortFraction_WhenA2019TimeIsRead_ThenItIsScaledToNanoseconds()
    {
        // When
        var e = Assert.Single(ReadAll("9 00:27:12.31 6 33 nginx 1 > read\n", SysdigFormat.LidDs2019));

        // Then
        Assert.Equal(((27L * 60) + 12) * 1_000_000_000 + 310_000_000, e.Time);
    }

    [Fact]
    public void GivenSwitchEventsBlankLinesAndCrLf_WhenRead_ThenSwitchesAreCountedAndSkippedAndLineNumbersStayTrue()
    {
        // Given
        var text = "1 00:00:01.0 6 0 nginx 1 > switch next=2 pgft_maj=0\r\n\r\n3 00:00:01.5 6 0 nginx 1 > close fd=3\r\n";
        using var reader = new SysdigReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "run.txt", SysdigFormat.LidDs2019, SyscallNames.X86_64);

        // When
        Assert.True(reader.Read(out var e));
        var more = reader.Read(out _);

        // Then
        Assert.Equal(3, e.Line);
        Assert.Equal("close", SyscallNames.X86_64.NameOf(e.Syscall));
        Assert.False(more);
        Assert.Equal(1, reader.SwitchEvents);
        Assert.Equal(3, reader.LinesRead);
    }

    [Fact]
    public void GivenANameTheTableDoesNotKnow_WhenRead_ThenItGetsItsStableUnknownId()
    {
        // When
        var e = Assert.Single(ReadAll("5 0 1 java 1 procexit > \n"));

        // Then
        Assert.Equal(SyscallNames.UnknownNameId("procexit"), e.Syscall);
    }

    [Theory]
    [InlineData("12x4 0 1 a 1 read > \n", "rec.sc:2: timestamp (nanoseconds) '12x4' is not a number: '12x4 0 1 a 1 read > '")]
    [InlineData("1 0 1 a 1 read\n", "rec.sc:2: no direction field")]
    [InlineData("1 0 1 a b read > \n", "rec.sc:2: thread id 'b' is not a number")]
    [InlineData("1 0\n", "rec.sc:2: missing process id: '1 0'")]
    [InlineData("1 0 1 a 1 re/ad > \n", "rec.sc:2: 're/ad' is not a syscall name")]
    public void GivenAMalformedLine_WhenRead_ThenTheErrorNamesTheSourceTheLineAndItsText(string badLine, string expected)
    {
        // Given
        var text = "1 0 1 a 1 read > \n" + badLine;

        // When
        var error = Assert.Throws<SysdigFormatException>(() => ReadAll(text));

        // Then
        Assert.StartsWith(expected, error.Message);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void GivenA2019LineWithABadTime_WhenRead_ThenTheErrorSaysWhatATimeLooksLike()
    {
        // When
        var error = Assert.Throws<SysdigFormatException>(() => ReadAll("1 12:30 6 0 a 1 > read\n", SysdigFormat.LidDs2019, "run.txt"));

        // Then
        Assert.StartsWith("run.txt:1: time '12:30' is not HH:MM:SS.nanoseconds", error.Message);
    }

    [Fact]
    public void GivenALineLongerThanTheLimit_WhenRead_ThenItFailsInsteadOfGrowingWithoutBound()
    {
        // Given
        var text = "1 0 1 a 1 read > " + new string('x', SysdigReader.MaxLineLength + 10) + "\n";

        // When
        var error = Assert.Throws<SysdigFormatException>(() => ReadAll(text));

        // Then
        Assert.Contains("rec.sc:1: line longer than", error.Message);
    }

    [Fact]
    public void GivenLinesSpanningManyBufferFills_WhenRead_ThenEveryLineIsReadOnceInOrder()
    {
        // Given: more than the reader's 64 KiB buffer, with a last line without a newline
        var lines = Enumerable.Range(0, 5000).Select(i => $"{1000 + i} 0 1 a {i % 3} read > fd={i} data={new string('d', i % 50)}").ToArray();

        // When
        var events = ReadAll(string.Join("\n", lines));

        // Then
        Assert.Equal(5000, events.Length);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => 1000L + i), events.Select(e => e.Time));
        Assert.Equal(Enumerable.Range(1, 5000).Select(i => (long)i), events.Select(e => e.Line));
    }
}
