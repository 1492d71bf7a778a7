using System.Globalization;

namespace SyscallBench.Core.Traces.Strace;

/// <summary>
/// One line of strace output, split into its prefix (pid, timestamp, instruction pointer) and what it says.
/// </summary>
/// <param name="Kind">What the line says.</param>
/// <param name="Name">Syscall name (Call, Unfinished, Resumed, and Incomplete calls), signal name, exit code text,
/// or for Superseded the other pid; for Malformed the reason.</param>
/// <param name="Pid">The pid column (-f) or null.</param>
/// <param name="Time">The timestamp column or null.</param>
/// <param name="IncompleteCall">For Incomplete: the line got as far as "name(" or "&lt;... name resumed&gt;", so the call is known.</param>
/// <param name="ResumedLine">The line starts with "&lt;... name resumed&gt;" (for Unfinished: resumed and unfinished again).</param>
/// <param name="PlainTime">The timestamp is plain seconds (-ttt Unix time or a -r gap), not a time of day (-t, -tt).</param>
internal readonly record struct StraceLine(
    StraceLineKind Kind,
    string Name,
    int? Pid,
    double? Time,
    bool IncompleteCall = false,
    bool ResumedLine = false,
    bool PlainTime = false)
{
    /// <summary>Linux's PID_MAX_LIMIT on 64-bit: a bare integer above it is a Unix time (-ttt without fraction), not a pid.</summary>
    private const long MaxPid = 4_194_304;

    /// <summary>Longer names are garbage, not syscalls (the longest real one has 23 characters).</summary>
    private const int MaxNameLength = 64;

    private const string UnfinishedMarker = "<unfinished ...>";
    private const string DetachedMarker = "<detached ...>";
    private const string ResumedPrefix = "<... ";
    private const string ResumedSuffix = " resumed>";
    private const string PersonalityPrefix = "[ Process PID=";
    private const string PidChangedPrefix = "<pid changed to ";

    public static StraceLine Parse(string line, NameCache names)
    {
        var text = line.AsSpan();
        var i = SkipBlanks(text, 0);
        if (i == text.Length)
        {
            return new StraceLine(StraceLineKind.Ignored, "", null, null);
        }

        int? pid = null;
        double? time = null;
        var plainTime = false;
        if (text[i..].StartsWith("[pid"))
        {
            // "[pid  1234] " as strace prints to a terminal with several processes.
            var close = text[i..].IndexOf(']');
            if (close < 0)
            {
                return Incomplete(null, null);
            }

            var inner = text.Slice(i + 4, close - 4).Trim();
            if (!int.TryParse(inner[..(inner.Length - CommandNameLength(inner))], NumberStyles.None, CultureInfo.InvariantCulture, out var bracketPid))
            {
                return Malformed("bad '[pid N]' prefix", null, null);
            }

            pid = bracketPid;
            i = SkipBlanks(text, i + close + 1);
        }
        else if (LeadingInteger(text[i..]) is { } integer)
        {
            var end = i + integer.Length;
            var command = integer.Value <= MaxPid ? CommandNameAt(text, end) : 0;
            if (end + command < text.Length && IsBlank(text[end + command]))
            {
                if (integer.Value <= MaxPid)
                {
                    pid = (int)integer.Value;
                }
                else
                {
                    time = integer.Value;
                    plainTime = true;
                }

                i = SkipBlanks(text, end + command);
            }
        }

        if (time is null && i < text.Length && char.IsAsciiDigit(text[i]))
        {
            var end = i;
            while (end < text.Length && !IsBlank(text[end]))
            {
                end++;
            }

            if (end == text.Length)
            {
                return Incomplete(pid, null); // cut off inside or right after the timestamp
            }

            if (ParseTimestamp(text[i..end]) is not { } seconds)
            {
                return Malformed("bad timestamp", pid, null);
            }

            time = seconds;
            plainTime = text[i..end].IndexOf(':') < 0;
            i = SkipBlanks(text, end);
        }

        if (text[i..].StartsWith(PersonalityPrefix))
        {
            // "[ Process PID=1234 runs in 32 bit mode. ]": strace's notice that a process changed personality.
            return new StraceLine(StraceLineKind.Ignored, "", pid, time);
        }

        if (i < text.Length && text[i] == '[')
        {
            // "[00007f3c2a1b2c3d] " instruction pointer (-i): skipped.
            var close = text[i..].IndexOf(']');
            if (close < 0)
            {
                return Incomplete(pid, time);
            }

            i = SkipBlanks(text, i + close + 1);
        }

        return ParseBody(text[i..], pid, time, names) with { PlainTime = plainTime };
    }

    private static StraceLine ParseBody(ReadOnlySpan<char> body, int? pid, double? time, NameCache names)
    {
        if (body.IsEmpty || IsCutMarker(body))
        {
            return Incomplete(pid, time);
        }

        if (body.StartsWith("strace: ") || body.StartsWith("> "))
        {
            return new StraceLine(StraceLineKind.Ignored, "", pid, time);
        }

        if (body.StartsWith("---"))
        {
            return ParseSignal(body, pid, time, names);
        }

        if (body.StartsWith("+++"))
        {
            return ParseExit(body, pid, time, names);
        }

        if (body.StartsWith(ResumedPrefix))
        {
            var nameEnd = body.IndexOf(ResumedSuffix);
            if (nameEnd < 0)
            {
                return Incomplete(pid, time);
            }

            if (nameEnd < ResumedPrefix.Length)
            {
                // "<... resumed>": the suffix's space is the prefix's, and no name (found by ParserFuzzTests).
                return Malformed("no syscall name in '<... name resumed>'", pid, time);
            }

            var name = body[ResumedPrefix.Length..nameEnd];
            if (!IsSyscallName(name))
            {
                return Malformed("bad syscall name in '<... name resumed>'", pid, time);
            }

            var rest = body[(nameEnd + ResumedSuffix.Length)..];
            return CallEnding(rest) switch
            {
                CallEnd.Unfinished => new StraceLine(StraceLineKind.Unfinished, names.Get(name), pid, time, ResumedLine: true),
                CallEnd.Result or CallEnd.Detached or CallEnd.PidChanged => new StraceLine(StraceLineKind.Resumed, names.Get(name), pid, time, ResumedLine: true),
                _ => new StraceLine(StraceLineKind.Incomplete, names.Get(name), pid, time, IncompleteCall: true, ResumedLine: true),
            };
        }

        var open = body.IndexOf('(');
        if (open <= 0 || !IsSyscallName(body[..open]))
        {
            return open < 0 && body.Length <= MaxNameLength && IsSyscallName(body)
                ? Incomplete(pid, time)
                : Malformed("not a strace line (expected 'name(...) = result', '<... name resumed>', '---' or '+++')", pid, time);
        }

        var callName = names.Get(body[..open]);
        return CallEnding(body[(open + 1)..]) switch
        {
            CallEnd.Unfinished => new StraceLine(StraceLineKind.Unfinished, callName, pid, time),
            CallEnd.Result or CallEnd.Detached or CallEnd.PidChanged => new StraceLine(StraceLineKind.Call, callName, pid, time),
            _ => new StraceLine(StraceLineKind.Incomplete, callName, pid, time, IncompleteCall: true),
        };
    }

    /// <summary>The start of a line marker cut off ("&lt;..", "+", "--", " &gt;"): an incomplete line, not a malformed one.</summary>
    private static bool IsCutMarker(ReadOnlySpan<char> body) =>
        body.Length < ResumedPrefix.Length && (ResumedPrefix.AsSpan().StartsWith(body) || "---".AsSpan().StartsWith(body)
            || "+++".AsSpan().StartsWith(body) || body is ">");

    private enum CallEnd
    {
        None,
        Result,
        Unfinished,
        Detached,

        /// <summary>
        /// "&lt;pid changed to N ...&gt;": a thread's execve (-ff: in the thread's own file) that finishes as the
        /// leader N; the call is complete here, its result is written under the leader.
        /// </summary>
        PidChanged,
    }

    /// <summary>How the text after "name(" or "resumed>" ends: with a result, "&lt;unfinished ...&gt;", "&lt;detached ...&gt;" or "&lt;pid changed to N ...&gt;".</summary>
    private static CallEnd CallEnding(ReadOnlySpan<char> rest)
    {
        var trimmed = rest.TrimEnd();
        if (trimmed.EndsWith(UnfinishedMarker))
        {
            return CallEnd.Unfinished;
        }

        if (trimmed.EndsWith(" ...>") && trimmed.LastIndexOf(PidChangedPrefix) is var changed and >= 0
            && int.TryParse(trimmed[(changed + PidChangedPrefix.Length)..^" ...>".Length], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return CallEnd.PidChanged;
        }

        if (trimmed.EndsWith(DetachedMarker))
        {
            return CallEnd.Detached;
        }

        // The result is ") = value" with the value padded to a column ("close(3)      = 0"), then maybe an
        // errno and its text, a -T duration or a -y path. Arguments may contain " = " inside strings, so look
        // for the last " = " that follows a ')' and has a value after it.
        var end = trimmed.Length;
        while (end > 0 && trimmed[..end].LastIndexOf(" = ") is var equals and >= 0)
        {
            var before = trimmed[..equals].TrimEnd();
            var after = trimmed[(equals + 3)..];
            if (before.EndsWith(")") && !after.IsEmpty && (after[0] is '?' or '-' || char.IsAsciiDigit(after[0])))
            {
                return CallEnd.Result;
            }

            end = equals;
        }

        return CallEnd.None;
    }

    private static StraceLine ParseSignal(ReadOnlySpan<char> body, int? pid, double? time, NameCache names)
    {
        if (!body.TrimEnd().EndsWith(" ---") || body.TrimEnd().Length < 8)
        {
            return Incomplete(pid, time);
        }

        var rest = body[3..].TrimStart();
        if (rest.StartsWith("stopped by "))
        {
            rest = rest["stopped by ".Length..];
        }

        var name = FirstWord(rest);
        return IsSignalName(name)
            ? new StraceLine(StraceLineKind.Signal, names.Get(name), pid, time)
            : Malformed("bad signal line (expected '--- SIGNAME {...} ---')", pid, time);
    }

    private static StraceLine ParseExit(ReadOnlySpan<char> body, int? pid, double? time, NameCache names)
    {
        var trimmed = body.TrimEnd();
        if (!trimmed.EndsWith(" +++") || trimmed.Length < 8)
        {
            return Incomplete(pid, time);
        }

        var inner = trimmed[3..^3].Trim();
        if (inner.StartsWith("exited with ") && FirstWord(inner["exited with ".Length..]) is var code
            && int.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return new StraceLine(StraceLineKind.Exited, names.Get(code), pid, time);
        }

        if (inner.StartsWith("killed by ") && FirstWord(inner["killed by ".Length..]) is var signal && IsSignalName(signal))
        {
            return new StraceLine(StraceLineKind.Killed, names.Get(signal), pid, time);
        }

        const string superseded = "superseded by execve in pid ";
        if (inner.StartsWith(superseded) && int.TryParse(inner[superseded.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var leader))
        {
            return new StraceLine(StraceLineKind.Superseded, leader.ToString(CultureInfo.InvariantCulture), pid, time);
        }

        return Malformed("bad exit line (expected '+++ exited with N +++' or '+++ killed by SIGNAME +++')", pid, time);
    }

    /// <summary>-t "HH:MM:SS", -tt "HH:MM:SS.ffffff" (seconds since midnight), -ttt/-r "S.ffffff".</summary>
    private static double? ParseTimestamp(ReadOnlySpan<char> token)
    {
        const NumberStyles decimalOnly = NumberStyles.AllowDecimalPoint;
        if (token.IndexOf(':') < 0)
        {
            return double.TryParse(token, decimalOnly, CultureInfo.InvariantCulture, out var plain) ? plain : null;
        }

        Span<Range> parts = stackalloc Range[4];
        if (token.Split(parts, ':') != 3
            || !int.TryParse(token[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(token[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !double.TryParse(token[parts[2]], decimalOnly, CultureInfo.InvariantCulture, out var seconds)
            || hours > 23 || minutes > 59 || seconds >= 61)
        {
            return null;
        }

        return hours * 3600 + minutes * 60 + seconds;
    }

    /// <summary>Longest "&lt;comm&gt;" after a pid (-Y, --decode-pids=comm): the kernel's 15 characters plus brackets and slack.</summary>
    private const int MaxCommandNameLength = 20;

    /// <summary>The length of a "&lt;comm&gt;" (-Y) starting at <paramref name="start"/>, or 0.</summary>
    private static int CommandNameAt(ReadOnlySpan<char> text, int start)
    {
        if (start >= text.Length || text[start] != '<')
        {
            return 0;
        }

        var close = text[start..Math.Min(text.Length, start + MaxCommandNameLength)].IndexOf('>');
        return close < 0 ? 0 : close + 1;
    }

    /// <summary>The length of a "&lt;comm&gt;" (-Y) ending <paramref name="text"/> ("1234&lt;sh&gt;" inside "[pid ...]"), or 0.</summary>
    private static int CommandNameLength(ReadOnlySpan<char> text)
    {
        var open = text.IndexOf('<');
        return open >= 0 && text.EndsWith(">") ? text.Length - open : 0;
    }

    private readonly record struct Integer(long Value, int Length);

    private static Integer? LeadingInteger(ReadOnlySpan<char> text)
    {
        long value = 0;
        var length = 0;
        while (length < text.Length && length < 18 && char.IsAsciiDigit(text[length]))
        {
            value = value * 10 + (text[length] - '0');
            length++;
        }

        return length > 0 ? new Integer(value, length) : null;
    }

    /// <summary>Kernel and strace syscall names: letters, digits, '_' ("syscall_0x1c2" for numbers strace cannot name).</summary>
    private static bool IsSyscallName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxNameLength || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"SIGCHLD", "SIGRT_3", "SIGRTMIN+1", or a bare number for signals strace cannot name.</summary>
    private static bool IsSignalName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c is not ('_' or '+'))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> text)
    {
        text = text.TrimStart();
        var end = 0;
        while (end < text.Length && !IsBlank(text[end]))
        {
            end++;
        }

        return text[..end];
    }

    private static int SkipBlanks(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && IsBlank(text[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\r';

    private static StraceLine Incomplete(int? pid, double? time) => new(StraceLineKind.Incomplete, "", pid, time);

    private static StraceLine Malformed(string reason, int? pid, double? time) => new(StraceLineKind.Malformed, reason, pid, time);
}
