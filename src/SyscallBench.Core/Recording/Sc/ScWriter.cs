using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Recording.Sc;

/// <summary>
/// Writes events as lines of a LID-DS 2021 .sc file (sysdig's text output):
/// <c>unix_time_ns user_id pid process_name thread_id syscall direction args...</c>, direction '&gt;' for an
/// entry and '&lt;' for a return, whose only argument is <c>res=N</c> (<c>res=-2(ENOENT)</c> for a failure).
/// </summary>
/// <remarks>
/// Matches the real dataset's lines byte for byte in layout: every field and argument is followed by one space,
/// so a line ends with a space, as sysdig wrote them. Entries carry no arguments (the recorder does not read
/// them: no paths, no buffers). Process names are the kernel's comm: spaces and control characters in it
/// (a program can name itself anything with prctl) become '_', so a name can never split a line or shift its
/// fields. Numbers are formatted into a reused buffer: a recording has millions of lines, and
/// <see cref="TextWriter.Write(long)"/> allocates a string per number.
/// </remarks>
public sealed class ScWriter(TextWriter writer, WallClock clock)
{
    private readonly char[] _line = new char[256];
    private readonly string[] _syscallNames = Enumerable.Range(0, 1024).Select(SyscallNames.X86_64.NameOf).ToArray();
    private readonly Dictionary<string, string> _safeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _lastEntryOfThread = [];

    public long LinesWritten { get; private set; }

    public void Write(in SyscallEvent e)
    {
        var span = _line.AsSpan();
        var n = 0;
        Number(span, ref n, clock.UnixNs(e.MonotonicNs));
        Number(span, ref n, e.UserId);
        Number(span, ref n, e.Pid);
        Text(span, ref n, SafeName(e.ProcessName));
        Number(span, ref n, e.Tid);
        Text(span, ref n, SyscallName(ExitedCall(e)));
        span[n++] = e.Direction == SyscallDirection.Enter ? '>' : '<';
        span[n++] = ' ';
        if (e.Direction == SyscallDirection.Exit)
        {
            "res=".AsSpan().CopyTo(span[n..]);
            n += 4;
            e.ReturnValue.TryFormat(span[n..], out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
            n += written;
            if (e.ReturnValue is < 0 and >= -4095 && ErrnoNames.Of(-e.ReturnValue) is { } errno)
            {
                span[n++] = '(';
                errno.AsSpan().CopyTo(span[n..]);
                n += errno.Length;
                span[n++] = ')';
            }

            span[n++] = ' ';
        }

        span[n++] = '\n';
        writer.Write(span[..n]);
        LinesWritten++;
    }

    /// <summary>Longer process names (never from the kernel, whose comm has at most 15 bytes) are cut to this length.</summary>
    public const int MaxProcessNameLength = 64;

    /// <summary>The name written for a process name: spaces and control characters become '_'; never empty, at most <see cref="MaxProcessNameLength"/> characters.</summary>
    public static string SafeProcessName(string name)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        if (name.Length > MaxProcessNameLength)
        {
            name = name[..MaxProcessNameLength];
        }

        return name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? string.Create(name.Length, name, (chars, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    chars[i] = char.IsWhiteSpace(source[i]) || char.IsControl(source[i]) ? '_' : source[i];
                }
            })
            : name;
    }

    private string SafeName(string name)
    {
        if (!_safeNames.TryGetValue(name, out var safe))
        {
            safe = SafeProcessName(name);
            if (_safeNames.Count < 4096)
            {
                _safeNames[name] = safe;
            }
        }

        return safe;
    }

    /// <summary>
    /// The call an event is of. The kernel reports the return of rt_sigreturn (which restores the registers, the syscall
    /// number's too) with number -1: such an exit is named after its thread's last entry, as sysdig pairs them, not "sys_-1".
    /// </summary>
    private int ExitedCall(in SyscallEvent e)
    {
        if (e.Direction == SyscallDirection.Enter)
        {
            if (_lastEntryOfThread.Count >= 1 << 16 && !_lastEntryOfThread.ContainsKey(e.Tid))
            {
                _lastEntryOfThread.Clear(); // bounded: threads come and go; a forgotten one only loses this pairing
            }

            _lastEntryOfThread[e.Tid] = e.Syscall;
            return e.Syscall;
        }

        return e.Syscall >= 0 ? e.Syscall : _lastEntryOfThread.GetValueOrDefault(e.Tid, e.Syscall);
    }

    private string SyscallName(int number) =>
        (uint)number < (uint)_syscallNames.Length ? _syscallNames[number] : SyscallNames.X86_64.NameOf(number);

    private static void Number(Span<char> line, ref int n, long value)
    {
        value.TryFormat(line[n..], out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        n += written;
        line[n++] = ' ';
    }

    private static void Text(Span<char> line, ref int n, string text)
    {
        // Process names are cut to 64 characters and syscall names are short: a line fits the 256-character buffer.
        text.AsSpan().CopyTo(line[n..]);
        n += text.Length;
        line[n++] = ' ';
    }
}
