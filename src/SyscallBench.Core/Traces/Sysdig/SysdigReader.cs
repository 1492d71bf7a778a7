using System.Text;

namespace SyscallBench.Core.Traces.Sysdig;

/// <summary>
/// Reads sysdig text output (LID-DS 2021 <c>.sc</c> files, LID-DS 2019 run files) from a stream, one event line
/// at a time, without holding more than one buffer of it: a recording of any size is read in constant memory.
/// </summary>
/// <remarks>
/// <para>Hand-written over the raw bytes, because a LID-DS scenario holds hundreds of millions of lines: going
/// through strings (TextReader.ReadLine, string.Split) allocates several objects per line and is several times
/// slower. Only the fields up to the direction (and, in 2019 files, the syscall after it) are parsed; the
/// arguments are skipped. Process names and syscall names are looked up by their bytes, so a line allocates
/// nothing once its names have been seen.</para>
/// <para>A process name may contain spaces (a thread's comm can, e.g. "Web Content"): the direction field, the
/// first field that is exactly '&gt;' or '&lt;', anchors the fields around it, so the name is everything between
/// the field before it and the thread id. Blank lines are skipped. sysdig's <c>switch</c> events (context
/// switches, not system calls) are skipped and counted in <see cref="SwitchEvents"/>, as LID-DS's own 2019 loader
/// drops them. A line longer than <see cref="MaxLineLength"/> bytes, or one whose fields do not parse, throws a
/// <see cref="SysdigFormatException"/> naming the source and line, with the line's text.</para>
/// </remarks>
public sealed class SysdigReader : IDisposable
{
    /// <summary>Longer lines are an error: sysdig truncates arguments far below this.</summary>
    public const int MaxLineLength = 1 << 20;

    private const long NanosecondsPerDay = 86_400_000_000_000;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly SysdigFormat _format;
    private readonly ByteKeyedCache<int> _syscallIds;
    private readonly ByteKeyedCache<string> _processNames = new(name => name);
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private long _previousTimeOfDay = -1;
    private long _dayOffset;

    /// <param name="stream">The text, read from its current position to its end.</param>
    /// <param name="sourceName">Names the input in error messages ("recording.zip!recording.sc").</param>
    /// <param name="format">The line layout.</param>
    /// <param name="names">Numbers syscall names (LID-DS was recorded on x86-64: <see cref="SyscallNames.X86_64"/>).</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    public SysdigReader(Stream stream, string sourceName, SysdigFormat format, SyscallNames names, bool leaveOpen = false)
    {
        _stream = stream;
        SourceName = sourceName;
        _format = format;
        _leaveOpen = leaveOpen;
        _syscallIds = new ByteKeyedCache<int>(names.IdOf);
    }

    public string SourceName { get; }

    /// <summary>Lines read so far, blank and skipped ones included.</summary>
    public long LinesRead { get; private set; }

    /// <summary>sysdig <c>switch</c> (context switch) events skipped so far.</summary>
    public long SwitchEvents { get; private set; }

    /// <summary>Reads the next event; false at the end of the input.</summary>
    /// <exception cref="SysdigFormatException">A malformed or overlong line.</exception>
    public bool Read(out SysdigEvent e)
    {
        while (NextLine(out var line))
        {
            LinesRead++;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            if (Parse(line, out e))
            {
                return true;
            }
        }

        e = default;
        return false;
    }

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>The next line without its '\n', valid until the next call.</summary>
    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        var searched = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            var length = newline >= 0 ? searched + newline : _end - _start;
            if (length > MaxLineLength)
            {
                throw Malformed(LinesRead + 1, $"line longer than {MaxLineLength} bytes (is this a sysdig text file?)", _buffer.AsSpan(_start, length));
            }

            if (newline >= 0)
            {
                line = _buffer.AsSpan(_start, length);
                _start += length + 1;
                return true;
            }

            searched = length;
            if (_endOfStream)
            {
                line = _buffer.AsSpan(_start, length);
                _start = _end;
                return length > 0;
            }

            Fill();
        }
    }

    /// <summary>Moves the unread bytes to the front (growing the buffer when they fill it) and reads more.</summary>
    private void Fill()
    {
        var unread = _end - _start;
        if (unread == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
        }

        _start = 0;
        _end = unread;
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }

    private bool Parse(ReadOnlySpan<byte> line, out SysdigEvent e)
    {
        var lineNumber = LinesRead;
        var position = 0;
        long time;
        var pid = -1;
        if (_format == SysdigFormat.LidDs2021)
        {
            time = Number(line[Field(line, ref position, lineNumber, "timestamp (nanoseconds)")], lineNumber, line, "timestamp (nanoseconds)", 19);
            Field(line, ref position, lineNumber, "user id");
            pid = (int)Number(line[Field(line, ref position, lineNumber, "process id")], lineNumber, line, "process id", 9);
        }
        else
        {
            Number(line[Field(line, ref position, lineNumber, "event number")], lineNumber, line, "event number", 19);
            time = TimeOfDay(line[Field(line, ref position, lineNumber, "time")], lineNumber, line);
            Field(line, ref position, lineNumber, "cpu");
            Field(line, ref position, lineNumber, "user id");
        }

        // The common case, a name without spaces: the next fields are name, tid, syscall, direction (2019: name, tid,
        // direction, syscall). Anything else takes the general path below.
        var after = position;
        if (NextField(line, ref after, out var name) && NextField(line, ref after, out var tidField)
            && NextField(line, ref after, out var third) && NextField(line, ref after, out var fourth))
        {
            var directionField = line[_format == SysdigFormat.LidDs2021 ? fourth : third];
            if (directionField.Length == 1 && directionField[0] is (byte)'>' or (byte)'<')
            {
                return Event(line, lineNumber, time, pid, line[name], line[tidField], directionField[0],
                    line[_format == SysdigFormat.LidDs2021 ? third : fourth], out e);
            }
        }

        // The rest: "name... tid syscall > args" (2021) or "name... tid > syscall args" (2019). The fields between
        // the name and the direction: the thread id, and in 2021 the syscall.
        var between = _format == SysdigFormat.LidDs2021 ? 2 : 1;
        Span<Range> recent = stackalloc Range[3]; // the last three fields before the current one
        var count = 0;
        var nameStart = -1;
        while (true)
        {
            if (!NextField(line, ref position, out var field))
            {
                throw Malformed(lineNumber, "no direction field ('>' or '<') after the process name and thread id", line);
            }

            if (nameStart < 0)
            {
                nameStart = field.Start.Value;
            }

            var text = line[field];
            if (text.Length == 1 && text[0] is (byte)'>' or (byte)'<' && count > between)
            {
                var nameEnd = recent[(count - between - 1) % 3].End.Value;
                var syscall = _format == SysdigFormat.LidDs2021
                    ? line[recent[(count - 1) % 3]]
                    : NextField(line, ref position, out var next) ? line[next] : [];
                return Event(line, lineNumber, time, pid, line[nameStart..nameEnd], line[recent[(count - between) % 3]], text[0], syscall, out e);
            }

            recent[count % 3] = field;
            count++;
        }
    }

    /// <summary>The event of a line whose fields are found; false (and no event) for a skipped <c>switch</c> event.</summary>
    private bool Event(ReadOnlySpan<byte> line, long lineNumber, long time, int pid, ReadOnlySpan<byte> name, ReadOnlySpan<byte> tidField,
        byte direction, ReadOnlySpan<byte> syscall, out SysdigEvent e)
    {
        var tid = (int)Number(tidField, lineNumber, line, "thread id", 9);
        if (syscall.IsEmpty)
        {
            throw Malformed(lineNumber, "no syscall name after the direction", line);
        }

        if (!IsEventName(syscall))
        {
            throw Malformed(lineNumber, $"'{Encoding.UTF8.GetString(syscall)}' is not a syscall name", line);
        }

        if (syscall.SequenceEqual("switch"u8))
        {
            SwitchEvents++;
            e = default;
            return false;
        }

        e = new SysdigEvent(time, pid, tid, _processNames.Get(name), _syscallIds.Get(syscall),
            direction == (byte)'>' ? SysdigDirection.Enter : SysdigDirection.Exit, lineNumber);
        return true;
    }

    /// <summary>The next space-separated field after <paramref name="position"/>; false at the end of the line.</summary>
    private static bool NextField(ReadOnlySpan<byte> line, ref int position, out Range field)
    {
        while (position < line.Length && line[position] == (byte)' ')
        {
            position++;
        }

        if (position >= line.Length)
        {
            field = default;
            return false;
        }

        var start = position;
        var length = line[start..].IndexOf((byte)' ');
        position = length < 0 ? line.Length : start + length;
        field = start..position;
        return true;
    }

    private Range Field(ReadOnlySpan<byte> line, ref int position, long lineNumber, string what) =>
        NextField(line, ref position, out var field) ? field : throw Malformed(lineNumber, $"missing {what}", line);

    private long Number(ReadOnlySpan<byte> field, long lineNumber, ReadOnlySpan<byte> line, string what, int maxDigits)
    {
        if (field.IsEmpty || field.Length > maxDigits)
        {
            throw Malformed(lineNumber, field.IsEmpty ? $"missing {what}" : $"{what} '{Encoding.UTF8.GetString(field)}' is too long", line);
        }

        long value = 0;
        foreach (var b in field)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                throw Malformed(lineNumber, $"{what} '{Encoding.UTF8.GetString(field)}' is not a number", line);
            }

            value = value * 10 + (b - '0');
        }

        return value;
    }

    /// <summary>"HH:MM:SS.fraction" (1 to 9 fraction digits) as nanoseconds, days added when the clock passes midnight.</summary>
    private long TimeOfDay(ReadOnlySpan<byte> field, long lineNumber, ReadOnlySpan<byte> line)
    {
        var dot = field.IndexOf((byte)'.');
        var clock = dot < 0 ? field : field[..dot];
        var fraction = dot < 0 ? [] : field[(dot + 1)..];
        var first = clock.IndexOf((byte)':');
        var last = clock.LastIndexOf((byte)':');
        if (first <= 0 || last == first || fraction.Length is 0 or > 9)
        {
            throw Malformed(lineNumber, $"time '{Encoding.UTF8.GetString(field)}' is not HH:MM:SS.nanoseconds", line);
        }

        var hours = Number(clock[..first], lineNumber, line, "hour", 2);
        var minutes = Number(clock[(first + 1)..last], lineNumber, line, "minute", 2);
        var seconds = Number(clock[(last + 1)..], lineNumber, line, "second", 2);
        var nanoseconds = Number(fraction, lineNumber, line, "fraction of a second", 9);
        for (var i = fraction.Length; i < 9; i++)
        {
            nanoseconds *= 10;
        }

        if (hours > 23 || minutes > 59 || seconds > 60)
        {
            throw Malformed(lineNumber, $"time '{Encoding.UTF8.GetString(field)}' is not a time of day", line);
        }

        var timeOfDay = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000_000 + nanoseconds;
        if (_previousTimeOfDay >= 0 && timeOfDay < _previousTimeOfDay - NanosecondsPerDay / 2)
        {
            _dayOffset += NanosecondsPerDay; // past midnight
        }

        _previousTimeOfDay = timeOfDay;
        return timeOfDay + _dayOffset;
    }

    /// <summary>Syscall and sysdig event names: ASCII letters, digits and '_'.</summary>
    private static bool IsEventName(ReadOnlySpan<byte> token)
    {
        if (token.StartsWith("sys_-"u8))
        {
            // What `record` wrote before it named such exits after their entry: "sys_-1" for the return of a call whose
            // number the kernel reported as -1 (rt_sigreturn restores it so). The committed container sample holds them.
            var digits = token[5..];
            return digits.Length > 0 && digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
        }

        foreach (var b in token)
        {
            if (b is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }

    private SysdigFormatException Malformed(long lineNumber, string reason, ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line[..Math.Min(line.Length, 200)]) + (line.Length > 200 ? "..." : "");
        return new SysdigFormatException($"{SourceName}:{lineNumber}: {reason}: '{text}'", SourceName, lineNumber);
    }
}
