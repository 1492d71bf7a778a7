using SyscallBench.Core.Recording;
using SyscallBench.Core.Recording.Bpftrace;

namespace SyscallBench.Core.Tests.Recording;

/// <summary>bpftrace's output one line shape at a time: events, notices, markers, and what is not ours.</summary>
public sealed class BpftraceOutputParserTests
{
    private static (CollectingSink Sink, BpftraceOutputParser Parser) Parse(string text)
    {
        var sink = new CollectingSink();
        var parser = new BpftraceOutputParser(sink);
        parser.Feed(text);
        parser.Complete();
        return (sink, parser);
    }

    [Fact]
    public void GivenAnEntryAndAnExitLine_WhenParsed_ThenEveryFieldIsRead()
    {
        var (sink, parser) = Parse("E 1472860574815 25 0 16359 16360 33 sh\nX 1472860575000 25 1000 16359 16360 2 -2 cat\n");

        Assert.Equal(
            [
                new SyscallEvent(1472860574815, 25, 0, 16359, 16360, "sh", 33, SyscallDirection.Enter, 0),
                new SyscallEvent(1472860575000, 25, 1000, 16359, 16360, "cat", 2, SyscallDirection.Exit, -2),
            ],
            sink.Events);
        Assert.Equal(2, parser.Events);
        Assert.Equal(0, parser.MalformedLines);
    }

    [Fact]
    public void GivenAProcessNameWithSpaces_WhenParsed_ThenTheNameIsTheRestOfTheLine()
    {
        var (sink, _) = Parse("E 1 2 3 4 5 6 my web server\n");

        Assert.Equal("my web server", Assert.Single(sink.Events).ProcessName);
    }

    [Fact]
    public void GivenLostNotices_WhenParsed_ThenTheyAreSummedAndPassedOnAsTheyCome()
    {
        var (sink, parser) = Parse("E 1 2 3 4 5 6 a\nLost 2802 events\nE 7 2 3 4 5 6 a\nLost 3661 events\n");

        Assert.Equal([2802L, 3661L], sink.LostCounts);
        Assert.Equal(6463, parser.Lost);
        Assert.Equal(2, sink.Events.Count);
    }

    [Fact]
    public void GivenBpftracesOwnNoticesAndPaddedMarkers_WhenParsed_ThenNoneIsAnEventOrMalformed()
    {
        var padding = new string(' ', BpftraceScript.MarkerPadding);
        var (sink, parser) = Parse($"Attaching 2 probes...\nR E{padding}\nR X{padding}\n\n\n");

        Assert.Empty(sink.Events);
        Assert.Equal(0, parser.MalformedLines);
        Assert.True(parser.Capturing);
    }

    [Fact]
    public void GivenOnlyTheEntryMarker_WhenParsed_ThenCapturingIsNotYetTrue()
    {
        var (_, parser) = Parse("R E\n");

        Assert.False(parser.Capturing);
    }

    [Theory]
    [InlineData("E 1 2 3 4 5 6\n")] // no name
    [InlineData("E 1 2 3 4 5 6 \n")] // an empty name (see the forgery remark on the parser)
    [InlineData("E 1 2 3 4 5 x sh\n")]
    [InlineData("E -1 2 3 4 5 6 sh\n")]
    [InlineData("E 1 2 3 4 99999999999 6 sh\n")]
    [InlineData("X 1 2 3 4 5 6 sh\n")] // an exit needs a return value before the name
    [InlineData("E 1 2 3 4 5 6 a-name-of-16-chr\n")]
    [InlineData("ERROR: something bpftrace says\n")]
    [InlineData("Lost many events\n")]
    public void GivenALineThatIsNeitherEventNorNotice_WhenParsed_ThenItIsCountedMalformedWithAnExample(string line)
    {
        var (sink, parser) = Parse(line);

        Assert.Empty(sink.Events);
        Assert.Equal(1, parser.MalformedLines);
        Assert.StartsWith("bpftrace output line 1 (", Assert.Single(parser.MalformedExamples), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenALastLineWithoutNewline_WhenTheStreamEnds_ThenItIsCutNotParsed()
    {
        // "E 1 2 3 4 5 6 ca" would be a valid event, but it may be "cat" cut short: never read.
        var (sink, parser) = Parse("E 1 2 3 4 5 6 sh\nE 1 2 3 4 5 6 ca");

        Assert.Single(sink.Events);
        Assert.Equal(1, parser.CutLines);
        Assert.Equal(0, parser.MalformedLines);
    }

    [Fact]
    public void GivenALineSplitOverThreeChunks_WhenFed_ThenItIsOneEvent()
    {
        var sink = new CollectingSink();
        var parser = new BpftraceOutputParser(sink);

        parser.Feed("E 14728");
        parser.Feed("60574815 25 0 16359 16");
        parser.Feed("360 33 sh\n");
        parser.Complete();

        Assert.Equal(1472860574815, Assert.Single(sink.Events).MonotonicNs);
        Assert.Equal(0, parser.CutLines);
    }

    [Fact]
    public void GivenAnEndlessLine_WhenFed_ThenItIsOneMalformedLineAndTheNextLineStillReads()
    {
        var sink = new CollectingSink();
        var parser = new BpftraceOutputParser(sink);

        for (var i = 0; i < 100; i++)
        {
            parser.Feed(new string('x', 1000));
        }

        parser.Feed("\nE 1 2 3 4 5 6 sh\n");
        parser.Complete();

        Assert.Equal(1, parser.MalformedLines);
        Assert.Single(sink.Events);
    }
}
