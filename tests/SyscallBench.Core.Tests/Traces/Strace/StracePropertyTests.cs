using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;

namespace SyscallBench.Core.Tests.Traces.Strace;

/// <summary>
/// Random, binary, strace-like and truncated input: the reader never crashes (only strict mode throws, and only its
/// own exception), events come in line order, and cutting a real recording anywhere gives a prefix of its events.
/// </summary>
public sealed class StracePropertyTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "strace");

    private static readonly string[] RealRecordings =
    [
        "threads-f-tt.strace", "thread-execve-f-tt.strace", "sh-child-f-tt.strace", "sleep-killed-tt.strace",
        "sleep-stop-cont-ttt.strace", "sh-no-timestamps.strace", "sh-f-stderr.strace", "ff/sh.11094",
        "options/sh-true-f-tt-T-y-i.strace", "options/sh-true-f-tt-Y.strace", "options/sh-true-f-Y-terminal.strace",
        "options/sh-true-f-r.strace", "options/sh-true-f-unix-ns.strace",
    ];

    /// <summary>Pieces of real strace lines, glued in random order, so random input reaches the deep branches.</summary>
    private static readonly string[] Fragments =
    [
        "1234 ", "[pid 5] ", "[pid ", "] ", "<sh>", "1234<sh> ", "12:00:01.5 ", "1700000000.25 ", "99999999 ", "[00007f3c2a1b2c3d] ",
        "read(", "execve(", "syscall_0x1c2(", "<... read resumed>", "<... execve resumed>", " <unfinished ...>",
        " <detached ...>", ") = 0", ") = ?", " = -1 ENOENT (No such file)", " = ", "--- ", "SIGCHLD", "stopped by ",
        " {si_signo=SIGCHLD} ---", " ---", "+++ ", "exited with 0", "killed by SIGKILL", "superseded by execve in pid 5",
        "superseded by execve in pid 1234", " +++", "strace: Process 5 attached", "\n", "\n", "\n", "\r\n", "\r", "\"",
        "(", ")", "<", ">", "...", "0x1f", " ", "\t", "\0", "\uFFFD", "é", "resumed>", ":", ".",
    ];

    private static (StraceEvent[] Events, StraceReader Reader) Read(string text, bool strict = false)
    {
        var reader = new StraceReader("fuzz", new StraceReaderOptions { Strict = strict });
        return (reader.Read(new StringReader(text)).ToArray(), reader);
    }

    /// <summary>What every successful read must satisfy, whatever the input.</summary>
    private static bool Sane(string text, StraceEvent[] events, StraceReader reader)
    {
        var lineCount = CountLines(text);
        return reader.LinesRead == lineCount
            && events.Zip(events.Skip(1)).All(pair => pair.First.Line < pair.Second.Line)
            && events.All(e => e.Line >= 1 && e.Line <= lineCount && e.Pid >= 0 && e.Name.Length > 0
                && e.Number == (e.Kind == StraceEventKind.Call ? SyscallNames.X86_64.IdOf(e.Name) : 0))
            && reader.MalformedExamples.Count == Math.Min(reader.MalformedLines, StraceReader.MaxExamples)
            && reader.MalformedExamples.All(m => m.StartsWith("fuzz:", StringComparison.Ordinal) && !m.Any(char.IsControl));
    }

    /// <summary>Lines as the reader counts them: "\n", "\r\n" and "\r" end one; a last line needs no ending.</summary>
    private static long CountLines(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return normalized.Length == 0 ? 0 : normalized.Count(c => c == '\n') + (normalized[^1] == '\n' ? 0 : 1);
    }

    [Property(MaxTest = 500)]
    public bool GivenRandomText_WhenRead_ThenNothingCrashes(string? text)
    {
        text ??= "";
        var (events, reader) = Read(text);
        return Sane(text, events, reader);
    }

    [Property(MaxTest = 500)]
    public bool GivenRandomBytes_WhenRead_ThenNothingCrashes(byte[]? bytes, bool latin1)
    {
        // Binary files reach the reader through a decoder: invalid UTF-8 becomes U+FFFD, Latin-1 keeps every byte.
        var text = (latin1 ? Encoding.Latin1 : Encoding.UTF8).GetString(bytes ?? []);
        var (events, reader) = Read(text);
        return Sane(text, events, reader);
    }

    [Property(MaxTest = 1000)]
    public bool GivenASoupOfStraceLikeFragments_WhenRead_ThenNothingCrashes(int[]? picks)
    {
        var text = string.Concat((picks ?? []).Select(p => Fragments[(int)((uint)p % (uint)Fragments.Length)]));
        var (events, reader) = Read(text);
        return Sane(text, events, reader);
    }

    [Property(MaxTest = 300)]
    public bool GivenAnyText_WhenReadStrictly_ThenItThrowsOnlyItsOwnExceptionAndOnlyWhenLenientModeCountsAMalformedLine(int[]? picks)
    {
        var text = string.Concat((picks ?? []).Select(p => Fragments[(int)((uint)p % (uint)Fragments.Length)]));
        var (_, lenient) = Read(text);
        try
        {
            Read(text, strict: true);
            return lenient.MalformedLines == 0;
        }
        catch (StraceFormatException error)
        {
            return lenient.MalformedLines > 0 && lenient.MalformedExamples[0] == error.Message[..lenient.MalformedExamples[0].Length];
        }
    }

    /// <summary>The real recordings' texts, read once.</summary>
    private static readonly string[] RecordingTexts = RealRecordings.Select(name => File.ReadAllText(Path.Combine(Fixtures, name))).ToArray();

    // FsCheck's int and PositiveInt grow with the test size (to about 100), so they would only ever cut a
    // recording's first 100 characters: positions are chosen with Gen.Choose over the whole text instead.
    [Property(MaxTest = 600)]
    public Property GivenARealRecordingCutAnywhere_WhenRead_ThenItGivesAPrefixOfItsEventsAndNoMalformedLine()
    {
        // strace killed mid-write, a copy interrupted, a pipe closed: whatever was written so far reads cleanly.
        var cuts = from recording in Gen.Choose(0, RecordingTexts.Length - 1)
                   from cut in Gen.Choose(0, RecordingTexts[recording].Length)
                   select (recording, cut);
        return Prop.ForAll(cuts.ToArbitrary(), c => CutReadsCleanly(RecordingTexts[c.recording], c.cut));
    }

    [Property(MaxTest = 1000)]
    public Property GivenARealRecordingCutNearALineStart_WhenRead_ThenItGivesAPrefixOfItsEventsAndNoMalformedLine()
    {
        // Where a line's prefix and markers ("1234 12:00:01.5 <... read resumed>") are cut is where parsing is most
        // delicate, so aim there: the first 64 characters of a random line.
        var cuts = from recording in Gen.Choose(0, RecordingTexts.Length - 1)
                   let starts = LineStarts(RecordingTexts[recording])
                   from line in Gen.Choose(0, starts.Length - 1)
                   from offset in Gen.Choose(0, 63)
                   select (recording, cut: Math.Min(RecordingTexts[recording].Length, starts[line] + offset));
        return Prop.ForAll(cuts.ToArbitrary(), c => CutReadsCleanly(RecordingTexts[c.recording], c.cut));
    }

    private static int[] LineStarts(string text) =>
        text.Select((c, i) => (c, i)).Where(p => p.c == '\n').Select(p => p.i + 1).Prepend(0).ToArray();

    private static bool CutReadsCleanly(string text, int cut)
    {
        var (full, _) = Read(text);
        var prefixText = text[..cut];

        var (prefix, reader) = Read(prefixText, strict: true);

        return Sane(prefixText, prefix, reader) && reader.MalformedLines == 0 && full.Take(prefix.Length).SequenceEqual(prefix);
    }

    [Property(MaxTest = 100)]
    public bool GivenGzippedRandomBytes_WhenRead_ThenTheFileReaderFailsOnlyWithItsOwnError(byte[]? bytes)
    {
        // A gzip header followed by random bytes: either it decompresses to something (read leniently) or the
        // error names the file; nothing else escapes.
        var path = Path.Combine(Path.GetTempPath(), $"strace-fuzz-{Guid.NewGuid():N}.gz");
        try
        {
            File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, .. bytes ?? []]);
            try
            {
                var result = StraceFile.Read(path);
                return result.Traces.All(t => t.Events.Count > 0);
            }
            catch (SyscallBenchException error)
            {
                return error.Message.StartsWith(path + ": damaged gzip file", StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
