using System.Globalization;

namespace SyscallBench.Core.Traces.Strace;

/// <summary>
/// Reads strace output (<c>strace -f -tt -o FILE</c>, also -t/-ttt/-r (gaps summed into times since the first line) or no timestamps, with or without -f, one
/// -ff per-pid file, -i, -T, -y, -k) into events, pairing <c>&lt;unfinished ...&gt;</c> lines with their
/// <c>&lt;... name resumed&gt;</c> lines.
/// </summary>
/// <remarks>
/// <para>A call is yielded once, at the line where it starts (its unfinished line, or its complete line); its
/// resumed line yields nothing more. A resumed line with no unfinished partner (strace attached mid-call with
/// -p) yields the call at that line. Restarted calls are ordinary calls: the re-issued call or restart_syscall
/// appears as its own line. "+++ superseded by execve in pid N +++" (a thread called execve) moves thread N's
/// unfinished execve to the leader, whose pid its resumed line carries; it yields no event. Under -ff the
/// thread's execve is in the thread's file, ending "&lt;pid changed to N ...&gt;" (a complete call there), and the
/// leader's file resumes it after the superseded line without counting it again. strace's notice
/// "[ Process PID=N runs in 32 bit mode. ]" is not a call.</para>
/// <para>Malformed lines (binary garbage, unknown shapes, a line cut short in the middle of the input) are
/// counted, and the first few kept as "source:line: reason: 'text'"; in strict mode the first one throws a
/// <see cref="StraceFormatException"/>. A cut-short LAST line is not malformed: strace killed while writing
/// leaves one, so it is reported in <see cref="TruncatedLastLine"/>, and its call is yielded when its name is
/// complete. To tell the last line from the others, the reader holds back an incomplete line until the next
/// line arrives; complete lines are yielded as soon as they are read.</para>
/// <para>strace's terminal output (no -o) is read too: "[pid N]" prefixes, lines without a pid (while strace traces
/// one process; they get <see cref="StraceReaderOptions.DefaultPid"/>, so prefer -o), an unfinished call resumed
/// under the other prefix style, and "strace: Process N attached" printed into the middle of a call line.</para>
/// <para>Streams: works on an unbounded stdin stream; memory is bounded by the number of processes with a call in
/// flight and by <see cref="BoundedLineReader.MaxLineLength"/> per line. One reader per source: a second
/// <see cref="Read"/> continues the line numbers and counters of the first.</para>
/// </remarks>
public sealed class StraceReader
{
    /// <summary>How many malformed lines <see cref="MalformedExamples"/> keeps.</summary>
    public const int MaxExamples = 10;

    /// <summary>Malformed line text is cut to this many characters in messages, so binary input cannot flood them.</summary>
    private const int MaxQuotedLength = 80;

    /// <summary>
    /// Plain-seconds timestamps below this (about 3 years) are -r gaps: every -ttt Unix time since 1973 is above
    /// it, and no gap between two strace lines is that long.
    /// </summary>
    private const double MaxRelativeGap = 1e8;

    private readonly StraceReaderOptions _options;
    private readonly List<string> _examples = [];
    private readonly NameCache _names = new();

    /// <summary>Whether timestamps are -r gaps; decided at the first line with a timestamp.</summary>
    private bool? _relativeTimes;

    /// <summary>The sum of the -r gaps so far, and the line that last added to it.</summary>
    private double _elapsed;
    private long _elapsedLine = -1;

    public StraceReader(string sourceName, StraceReaderOptions? options = null)
    {
        SourceName = sourceName;
        _options = options ?? new StraceReaderOptions();
    }

    public string SourceName { get; }

    public long MalformedLines { get; private set; }

    /// <summary>The first <see cref="MaxExamples"/> malformed lines, each "source:line: reason: 'text'".</summary>
    public IReadOnlyList<string> MalformedExamples => _examples;

    /// <summary>"source:line: truncated last line: 'text'" when the input ended in the middle of a line, else null.</summary>
    public string? TruncatedLastLine { get; private set; }

    /// <summary>Lines read so far.</summary>
    public long LinesRead { get; private set; }

    public IEnumerable<StraceEvent> Read(TextReader reader, CancellationToken cancellation = default) =>
        ReadCore(new BoundedLineReader(reader), cancellation);

    private IEnumerable<StraceEvent> ReadCore(BoundedLineReader lines, CancellationToken cancellation)
    {
        // The call each pid has in flight (started by an unfinished line, not yet resumed).
        var inFlight = new Dictionary<int, InFlightCall>();
        (StraceLine Parsed, string Text, long Number)? heldBack = null;
        var lineNumber = LinesRead;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var next = lines.ReadLine();
            if (next is { Overlong: false } && heldBack is { } interrupted && MessageCutIn(interrupted.Text) is var cut and > 0)
            {
                // strace writing to a terminal or 2> file prints its own messages into the middle of a call line
                // ("vfork(strace: Process 12 attached" + newline + " <unfinished ...>"): join the two halves.
                heldBack = null;
                lineNumber++;
                LinesRead = lineNumber;
                next = next.Value with { Text = interrupted.Text[..cut] + next.Value.Text };
                if (Classify(next.Value.Text, interrupted.Number, inFlight, ref heldBack) is { } joined)
                {
                    yield return joined;
                }

                continue;
            }

            if (heldBack is { } held)
            {
                heldBack = null;
                if (next is null)
                {
                    TruncatedLastLine = Describe(held.Number, "truncated last line", held.Text);
                    var kind = held.Parsed.ResumedLine ? StraceLineKind.Resumed : StraceLineKind.Call;
                    if (held.Parsed.IncompleteCall && EventOf(held.Parsed with { Kind = kind }, held.Text, held.Number, inFlight) is { } last)
                    {
                        yield return last;
                    }
                }
                else
                {
                    Malformed(held.Number, "incomplete line (no result and no '<unfinished ...>')", held.Text);
                }
            }

            if (next is not { } line)
            {
                yield break;
            }

            lineNumber++;
            LinesRead = lineNumber;
            if (line.Overlong)
            {
                Malformed(lineNumber, $"line longer than {BoundedLineReader.MaxLineLength.ToString(CultureInfo.InvariantCulture)} characters", line.Text);
                continue;
            }

            if (Classify(line.Text, lineNumber, inFlight, ref heldBack) is { } e)
            {
                yield return e;
            }
        }
    }

    /// <summary>The event of a complete line; an incomplete line is held back instead, to be judged by what follows.</summary>
    private StraceEvent? Classify(string text, long lineNumber, Dictionary<int, InFlightCall> inFlight, ref (StraceLine Parsed, string Text, long Number)? heldBack)
    {
        var parsed = StraceLine.Parse(text, _names);
        parsed = parsed with { Time = TimeOf(parsed, lineNumber) };
        if (parsed.Kind == StraceLineKind.Incomplete)
        {
            heldBack = (parsed, text, lineNumber);
            return null;
        }

        return EventOf(parsed, text, lineNumber, inFlight);
    }

    /// <summary>
    /// A line's time as seconds on one clock: -t/-tt/-ttt times as written; -r gaps (each line's time since the
    /// line before, whatever its process) summed in line order, so they become seconds since the first line and
    /// time windows can compare them. A line joined from two halves adds its gap once.
    /// </summary>
    private double? TimeOf(StraceLine line, long lineNumber)
    {
        if (line.Time is not { } time)
        {
            return null;
        }

        _relativeTimes ??= line.PlainTime && time < MaxRelativeGap;
        if (!_relativeTimes.Value)
        {
            return time;
        }

        if (lineNumber != _elapsedLine)
        {
            _elapsed += time;
            _elapsedLine = lineNumber;
        }

        return _elapsed;
    }

    /// <summary>Where a strace message ("strace: Process 12 attached") cuts into an incomplete line, or -1.</summary>
    private static int MessageCutIn(string text)
    {
        var at = text.IndexOf("strace: ", StringComparison.Ordinal);
        return at > 0 && text.AsSpan(at).TrimEnd().EndsWith(" attached") ? at : -1;
    }

    /// <summary>The event of one parsed line, if any, updating the calls in flight.</summary>
    private StraceEvent? EventOf(StraceLine line, string text, long lineNumber, Dictionary<int, InFlightCall> inFlight)
    {
        var pid = line.Pid ?? _options.DefaultPid;
        switch (line.Kind)
        {
            case StraceLineKind.Call:
                inFlight.Remove(pid);
                return Call(line, pid, lineNumber);
            case StraceLineKind.Unfinished:
                // "<... read resumed> <unfinished ...>" keeps its call in flight without yielding it again.
                var alreadyYielded = line.ResumedLine && inFlight.TryGetValue(pid, out var open) && open.Name == line.Name;
                inFlight[pid] = new InFlightCall(line.Name, line.Pid is not null);
                return alreadyYielded ? null : Call(line, pid, lineNumber);
            case StraceLineKind.Resumed:
                if (inFlight.Remove(pid, out var started))
                {
                    if (started.Name == line.Name || (started.Superseding && line.Name is "execve" or "execveat"))
                    {
                        return null;
                    }

                    Malformed(lineNumber, $"'{line.Name}' resumed while '{started.Name}' was unfinished", text);
                    return Call(line, pid, lineNumber);
                }

                return ResumesAcrossPidColumn(line, inFlight) ? null : Call(line, pid, lineNumber);
            case StraceLineKind.Signal:
                return new StraceEvent(StraceEventKind.Signal, pid, line.Time, line.Name, 0, lineNumber);
            case StraceLineKind.Exited:
            case StraceLineKind.Killed:
                inFlight.Remove(pid);
                var kind = line.Kind == StraceLineKind.Exited ? StraceEventKind.Exited : StraceEventKind.Killed;
                return new StraceEvent(kind, pid, line.Time, line.Name, 0, lineNumber);
            case StraceLineKind.Superseded:
                // The thread's unfinished execve resumes under this (the leader's) pid. With -ff the thread's
                // execve is in the thread's own file (counted there, ending "<pid changed to N ...>"), so its
                // resumed line here must pair with a stand-in rather than count the call again.
                inFlight.Remove(pid);
                inFlight[pid] = inFlight.Remove(int.Parse(line.Name, CultureInfo.InvariantCulture), out var execve)
                    ? execve
                    : new InFlightCall("execve", line.Pid is not null, Superseding: true);
                return null;
            case StraceLineKind.Malformed:
                Malformed(lineNumber, line.Name, text);
                return null;
            case StraceLineKind.Ignored:
                return null;
            default:
                throw new InvalidOperationException($"unexpected line kind {line.Kind} at {SourceName}:{lineNumber}");
        }
    }

    /// <summary>The call a process has in flight.</summary>
    /// <param name="Name">The syscall.</param>
    /// <param name="HasPidColumn">Whether its line had a pid column.</param>
    /// <param name="Superseding">A stand-in for a thread's execve (or execveat) read from another -ff file.</param>
    private readonly record struct InFlightCall(string Name, bool HasPidColumn, bool Superseding = false);

    /// <summary>
    /// Pairs a resumed line with an unfinished call of the same name written with the other prefix style. strace
    /// writing to a terminal (no -o) leaves out "[pid N]" while it traces a single process, so one process's
    /// unfinished line may lack the pid its resumed line has, or the other way round. Pairs only when exactly one
    /// such call is in flight, so -o output (every line with a pid column) is never affected.
    /// </summary>
    private static bool ResumesAcrossPidColumn(StraceLine line, Dictionary<int, InFlightCall> inFlight)
    {
        int? partner = null;
        foreach (var (pid, call) in inFlight)
        {
            if (call.Name == line.Name && call.HasPidColumn != (line.Pid is not null))
            {
                if (partner is not null)
                {
                    return false;
                }

                partner = pid;
            }
        }

        return partner is { } found && inFlight.Remove(found);
    }

    private StraceEvent Call(StraceLine line, int pid, long lineNumber) =>
        new(StraceEventKind.Call, pid, line.Time, line.Name, _options.Names.IdOf(line.Name), lineNumber);

    private void Malformed(long lineNumber, string reason, string text)
    {
        var message = Describe(lineNumber, reason, text);
        if (_options.Strict)
        {
            throw new StraceFormatException(message + " (strict mode stops at the first malformed line)", SourceName, lineNumber);
        }

        MalformedLines++;
        if (_examples.Count < MaxExamples)
        {
            _examples.Add(message);
        }
    }

    private string Describe(long lineNumber, string reason, string text) =>
        $"{SourceName}:{lineNumber.ToString(CultureInfo.InvariantCulture)}: {reason}: '{Printable(text)}'";

    /// <summary>The line cut short, with control and non-ASCII characters escaped, so messages stay one readable line.</summary>
    private static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in text.Length > MaxQuotedLength ? text[..MaxQuotedLength] : text)
        {
            if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        return text.Length > MaxQuotedLength ? builder.Append("...").ToString() : builder.ToString();
    }
}
