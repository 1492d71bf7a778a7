using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyscallBench.Core.Recording;
using SyscallBench.Core.Recording.Bpftrace;

namespace SyscallBench.Core.Tests.Recording;

/// <summary>
/// bpftrace's stream as it really arrives: events of many threads interleaved, read in chunks cut anywhere, lost
/// notices between them, the stream cut off mid-line, and process names that try to break lines.
/// </summary>
public sealed class BpftraceOutputPropertyTests
{
    private const string NameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789 -_./:é";

    private static readonly Gen<long> Times = from high in Gen.Choose(0, 1 << 20) from low in Gen.Choose(0, int.MaxValue) select ((long)high << 31) + low;

    /// <summary>1 to 15 characters, spaces anywhere (the name is the rest of the line).</summary>
    private static readonly Gen<string> Names =
        from length in Gen.Choose(1, BpftraceOutputParser.MaxProcessNameLength)
        from chars in Gen.ArrayOf(Gen.Elements(NameCharacters.ToCharArray()), length)
        select new string(chars);

    private static readonly Gen<SyscallEvent> Events =
        from exit in Gen.Elements(false, true)
        from time in Times
        from cgroup in Gen.Elements(1UL, 25UL, 4026531835UL, ulong.MaxValue)
        from uid in Gen.Elements(0, 33, 1000, -2) // -2: uid 4294967294 (nobody), printed unsigned
        from thread in Gen.Choose(0, 7) // eight threads of two processes: their events interleave
        from syscall in Gen.Elements(0, 1, 3, 59, 231, 334, 451, -1)
        from ret in Gen.Elements(0L, 3L, -2L, -11L, -514L, 140338603442176L, long.MinValue, long.MaxValue)
        from name in Names
        select new SyscallEvent(time, cgroup, uid, 1000 + (thread / 4), 1000 + thread, name, syscall,
            exit ? SyscallDirection.Exit : SyscallDirection.Enter, exit ? ret : 0);

    private static (CollectingSink Sink, BpftraceOutputParser Parser) Parse(string text, IEnumerable<int>? cuts = null)
    {
        var sink = new CollectingSink();
        var parser = new BpftraceOutputParser(sink);
        var position = 0;
        foreach (var cut in (cuts ?? []).Where(c => c > 0 && c < text.Length).Order())
        {
            parser.Feed(text.AsSpan(position, cut - position));
            position = cut;
        }

        parser.Feed(text.AsSpan(position));
        parser.Complete();
        return (sink, parser);
    }

    [Property(MaxTest = 300)]
    public Property GivenInterleavedEventsOfManyThreads_WhenReadInChunksCutAnywhere_ThenEveryEventComesBackInOrder()
    {
        var cases = from events in Gen.ListOf(Events)
                    from cuts in Gen.ListOf(Gen.Choose(0, 4000))
                    select (events, cuts);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var text = string.Concat(c.events.Select(BpftraceLines.Of));

            var (sink, parser) = Parse(text, c.cuts);

            return sink.Events.SequenceEqual(c.events) && parser.MalformedLines == 0 && parser.CutLines == 0 && parser.Lines == c.events.Count;
        });
    }

    [Property(MaxTest = 300)]
    public Property GivenLostNoticesAnywhereBetweenEvents_WhenRead_ThenTheirSumIsCountedAndNoEventIsDisturbed()
    {
        var cases = from events in Gen.ListOf(Events)
                    from notices in Gen.ListOf(from at in Gen.Choose(0, 1000) from count in Gen.Choose(1, 1_000_000) select (at, count))
                    select (events, notices);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var text = new StringBuilder();
            for (var i = 0; i <= c.events.Count; i++)
            {
                foreach (var notice in c.notices.Where(n => Math.Min(n.at, c.events.Count) == i))
                {
                    text.Append(BpftraceLines.Lost(notice.count));
                }

                if (i < c.events.Count)
                {
                    text.Append(BpftraceLines.Of(c.events[i]));
                }
            }

            var (sink, parser) = Parse(text.ToString());

            return sink.Events.SequenceEqual(c.events) && parser.Lost == c.notices.Sum(n => (long)n.count)
                && sink.LostCounts.Count == c.notices.Count && parser.MalformedLines == 0;
        });
    }

    [Property(MaxTest = 500)]
    public Property GivenAStreamCutOffAnywhere_WhenRead_ThenItsEventsAreAPrefixAndOnlyAnUnfinishedLastLineIsCut()
    {
        // bpftrace killed mid-write, or the pipe closed: what was written so far reads cleanly.
        var cases = from events in Gen.NonEmptyListOf(Events)
                    let text = string.Concat(events.Select(BpftraceLines.Of)) + BpftraceLines.Lost(7)
                    from cut in Gen.Choose(0, text.Length)
                    select (events, text, cut);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var prefix = c.text[..c.cut];

            var (sink, parser) = Parse(prefix);

            var unfinished = prefix.Length > 0 && prefix[^1] != '\n';
            return c.events.Take(sink.Events.Count).SequenceEqual(sink.Events) && parser.MalformedLines == 0
                && parser.CutLines == (unfinished ? 1 : 0) && parser.Lines == prefix.Count(ch => ch == '\n');
        });
    }

    [Property(MaxTest = 500)]
    public Property GivenAProcessNameHoldingNewlines_WhenItsEventIsRead_ThenNoEventIsForged()
    {
        // A task can name itself anything up to 15 bytes (prctl), newlines included: the line after a newline must
        // never read as an event of some other task.
        var pieces = new[] { "\n", "E", "X", " ", "1", "0", "-", "9", "Lost", " events", "R", "a" };
        var soup = from count in Gen.Choose(1, 12)
                   from parts in Gen.ArrayOf(Gen.Elements(pieces), count)
                   select string.Concat(parts);
        var attempts = from before in Gen.Elements("", "a")
                       from kind in Gen.Elements("E", "X")
                       from numbers in Gen.Choose(0, 8)
                       from digits in Gen.ArrayOf(Gen.Elements("1", "0", "9", "-1"), numbers)
                       from after in Gen.Elements("", " ", " a", " ab")
                       select before + "\n" + kind + string.Concat(digits.Select(d => " " + d)) + after;
        var cases = from e in Events
                    from name in Gen.OneOf(soup, attempts)
                    select e with { ProcessName = name[..Math.Min(name.Length, BpftraceOutputParser.MaxProcessNameLength)] };
        return Prop.ForAll(cases.ToArbitrary(), e =>
        {
            var (sink, _) = Parse(BpftraceLines.Of(e));

            var firstLineName = e.ProcessName.Split('\n')[0];
            return sink.Events.Count == 0 || (sink.Events.Count == 1 && sink.Events[0] == e with { ProcessName = firstLineName });
        });
    }

    [Property(MaxTest = 500)]
    public bool GivenRandomText_WhenRead_ThenNothingCrashesAndEveryLineIsAccountedFor(string? text)
    {
        text ??= "";

        var (sink, parser) = Parse(text);

        var newlines = text.Count(c => c == '\n');
        return parser.Lines == newlines && sink.Events.Count + parser.MalformedLines <= parser.Lines
            && parser.CutLines == (text.Length > 0 && text[^1] != '\n' ? 1 : 0)
            && parser.MalformedExamples.Count == Math.Min(parser.MalformedLines, BpftraceOutputParser.MaxExamples);
    }
}
