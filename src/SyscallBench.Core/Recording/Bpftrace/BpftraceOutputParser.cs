using System.Globalization;
using System.Text;
using SyscallBench.Core.Traces.Strace;

namespace SyscallBench.Core.Recording.Bpftrace;

/// <summary>
/// Reads bpftrace's standard output as it arrives, in chunks cut anywhere: event lines of
/// <see cref="BpftraceScript"/> become <see cref="SyscallEvent"/>s, "Lost N events" notices are counted and passed
/// on, bpftrace's own messages are recognised, and anything else is a malformed line, counted with examples.
/// </summary>
/// <remarks>
/// An event line needs a non-empty process name: a task can put a newline into its name (prctl), and the shortest
/// line that could follow it, "E 1 1 1 1 1 1 " with an empty name, fits into the 15 bytes a name holds; with a
/// name of at least one character it takes 16, so no task can forge an event. A task with an empty name has its
/// events counted as malformed lines instead (the ring-buffer engine reads names as bytes and has no such limit).
/// </remarks>
/// <remarks>
/// Only lines ended by '\n' are read: a last line without one (bpftrace killed mid-write, a pipe closed) is a
/// cut line, counted and never parsed, because its number fields may be cut short and still look valid.
/// Lines longer than <see cref="MaxLineLength"/> (binary garbage) are malformed and never held in full.
/// </remarks>
public sealed class BpftraceOutputParser(ICaptureSink sink)
{
    /// <summary>Event lines are under 130 characters and bpftrace's notices too; the start markers are padded to 8 KiB (<see cref="BpftraceScript.MarkerPadding"/>).</summary>
    public const int MaxLineLength = 16 * 1024;

    public const int MaxExamples = 5;

    /// <summary>comm is at most 15 bytes (TASK_COMM_LEN 16 with its NUL), so at most 15 characters once decoded.</summary>
    public const int MaxProcessNameLength = 15;

    private readonly NameCache _names = new();
    private readonly char[] _pending = new char[MaxLineLength];
    private readonly List<string> _malformedExamples = [];
    private int _pendingLength;
    private bool _pendingOverlong;
    private volatile bool _sawEnterMarker;
    private volatile bool _sawExitMarker;

    /// <summary>Lines ended by '\n' read so far.</summary>
    public long Lines { get; private set; }

    public long Events { get; private set; }

    /// <summary>Events bpftrace reported lost, summed over its "Lost N events" notices.</summary>
    public long Lost { get; private set; }

    public long MalformedLines { get; private set; }

    /// <summary>A last line without its '\n' (0 or 1 per stream), not parsed.</summary>
    public long CutLines { get; private set; }

    /// <summary>The first <see cref="MaxExamples"/> malformed lines, as "line N: 'text'" with control characters escaped.</summary>
    public IReadOnlyList<string> MalformedExamples => _malformedExamples;

    /// <summary>Both start markers have been read: every probe is attached.</summary>
    public bool Capturing => _sawEnterMarker && _sawExitMarker;

    public void Feed(ReadOnlySpan<char> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var end = chunk.IndexOf('\n');
            if (end < 0)
            {
                Hold(chunk);
                return;
            }

            if (_pendingLength == 0 && !_pendingOverlong)
            {
                ReadLine(chunk[..end], overlong: false);
            }
            else
            {
                Hold(chunk[..end]);
                ReadLine(_pending.AsSpan(0, _pendingLength), _pendingOverlong);
                _pendingLength = 0;
                _pendingOverlong = false;
            }

            chunk = chunk[(end + 1)..];
        }
    }

    /// <summary>The end of the stream: a held, unterminated last line counts as cut.</summary>
    public void Complete()
    {
        if (_pendingLength > 0 || _pendingOverlong)
        {
            CutLines++;
            _pendingLength = 0;
            _pendingOverlong = false;
        }
    }

    private void Hold(ReadOnlySpan<char> part)
    {
        var room = MaxLineLength - _pendingLength;
        if (part.Length > room)
        {
            _pendingOverlong = true;
            part = part[..room];
        }

        part.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += part.Length;
    }

    private void ReadLine(ReadOnlySpan<char> line, bool overlong)
    {
        Lines++;
        if (overlong || line.Length > MaxLineLength)
        {
            Malformed(line, "longer than any line bpftrace prints");
            return;
        }

        if (line.Length >= 2 && line[1] == ' ' && line[0] is 'E' or 'X')
        {
            if (TryParseEvent(line, out var e))
            {
                Events++;
                sink.Event(e);
            }
            else
            {
                Malformed(line, "not an event line");
            }

            return;
        }

        if (IsMarker(line, 'E'))
        {
            _sawEnterMarker = true;
        }
        else if (IsMarker(line, 'X'))
        {
            _sawExitMarker = true;
        }
        else if (TryParseLost(line, out var lost))
        {
            Lost += lost;
            sink.Lost(lost);
        }
        else if (!IsNotice(line))
        {
            Malformed(line, "unknown line");
        }
    }

    /// <summary>"R E" or "R X" and the padding spaces.</summary>
    private static bool IsMarker(ReadOnlySpan<char> line, char direction) =>
        line.Length >= 3 && line[0] == 'R' && line[1] == ' ' && line[2] == direction && line[3..].IndexOfAnyExcept(' ') < 0;

    /// <summary>bpftrace's own lines on standard output: "Attaching 2 probes...", and the empty lines it prints when it stops.</summary>
    private static bool IsNotice(ReadOnlySpan<char> line) =>
        line.IsEmpty || (line.StartsWith("Attaching ") && line.EndsWith("..."));

    /// <summary>bpftrace's notice when its perf buffers overflowed: "Lost 2802 events".</summary>
    private static bool TryParseLost(ReadOnlySpan<char> line, out long count)
    {
        count = 0;
        return line.StartsWith("Lost ") && line.EndsWith(" events")
            && line.Length > "Lost  events".Length
            && long.TryParse(line["Lost ".Length..^" events".Length], NumberStyles.None, CultureInfo.InvariantCulture, out count);
    }

    private bool TryParseEvent(ReadOnlySpan<char> line, out SyscallEvent e)
    {
        e = default;
        var exit = line[0] == 'X';
        var rest = line[2..];
        long returnValue = 0;
        if (!TakeNumber(ref rest, out ulong ns) || ns > long.MaxValue
            || !TakeNumber(ref rest, out ulong cgroup)
            || !TakeNumber(ref rest, out ulong uid) || uid > uint.MaxValue
            || !TakeNumber(ref rest, out ulong pid) || pid > int.MaxValue
            || !TakeNumber(ref rest, out ulong tid) || tid > int.MaxValue
            || !TakeSigned(ref rest, out var number) || number is < int.MinValue or > int.MaxValue
            || (exit && !TakeSigned(ref rest, out returnValue))
            || rest.IsEmpty || rest.Length > MaxProcessNameLength)
        {
            return false;
        }

        e = new SyscallEvent((long)ns, cgroup, unchecked((int)(uint)uid), (int)pid, (int)tid, _names.Get(rest), (int)number,
            exit ? SyscallDirection.Exit : SyscallDirection.Enter, returnValue);
        return true;
    }

    /// <summary>The field up to the next space, which must exist (every number is followed by another field).</summary>
    private static bool TakeField(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> field)
    {
        var space = rest.IndexOf(' ');
        if (space <= 0)
        {
            field = default;
            return false;
        }

        field = rest[..space];
        rest = rest[(space + 1)..];
        return true;
    }

    private static bool TakeNumber(ref ReadOnlySpan<char> rest, out ulong value)
    {
        value = 0;
        return TakeField(ref rest, out var field) && ulong.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TakeSigned(ref ReadOnlySpan<char> rest, out long value)
    {
        value = 0;
        return TakeField(ref rest, out var field) && long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private void Malformed(ReadOnlySpan<char> line, string why)
    {
        MalformedLines++;
        if (_malformedExamples.Count < MaxExamples)
        {
            var shown = line.Length > 200 ? line[..200] : line;
            _malformedExamples.Add($"bpftrace output line {Lines.ToString(CultureInfo.InvariantCulture)} ({why}): '{Escape(shown)}'");
        }
    }

    private static string Escape(ReadOnlySpan<char> text)
    {
        var shown = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.ToString();
    }
}
