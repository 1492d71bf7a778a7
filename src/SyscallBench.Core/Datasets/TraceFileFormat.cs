using System.Text;

namespace SyscallBench.Core.Datasets;

/// <summary>What a trace-folder file holds.</summary>
public enum TraceFileFormat
{
    /// <summary>Tell by the first non-blank line (see <see cref="TraceFileFormats.Detect(string)"/>).</summary>
    Auto,

    /// <summary>Syscall numbers separated by whitespace, as in ADFA-LD.</summary>
    Numbers,

    /// <summary>Syscall names separated by whitespace ("open read close").</summary>
    Names,

    /// <summary>strace output (-o FILE, with or without -f, timestamps, one -ff file per process).</summary>
    Strace,
}

/// <summary>Tells a trace file's format from its first non-blank line.</summary>
public static class TraceFileFormats
{
    /// <summary>
    /// How much of a file detection looks at. A longer first line (a whole ADFA-style trace on one line) is judged
    /// by its part within this: a token cut here is a prefix of a number or name, and reads as one still.
    /// </summary>
    private const int PeekBytes = 64 * 1024;

    /// <summary>
    /// Numbers when every token of the first non-blank line looks like an integer ("-1" too, so the parser can say
    /// what is wrong with it); names when every token is a name (letters, digits, '_'); otherwise strace. A strace
    /// line always has a '(' or starts with "---", "+++" or "&lt;...", so it is never taken for names.
    /// </summary>
    /// <returns>The format, or null when the file has no non-blank line.</returns>
    /// <seealso cref="Of"/>
    public static TraceFileFormat? Detect(string path)
    {
        using var stream = Traces.MaybeGzippedFile.OpenRead(path);
        var buffer = new byte[PeekBytes];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Detect(buffer.AsSpan(0, length));
    }

    /// <summary>The format of a trace file (see <see cref="Detect(string)"/>); a file without a non-blank line is an error naming it.</summary>
    public static TraceFileFormat Of(string path) =>
        Detect(path) ?? throw new DatasetException($"{path}: empty trace (the file has no non-blank line).");

    /// <summary>The format of content that starts with <paramref name="head"/> (see <see cref="Detect(string)"/>).</summary>
    public static TraceFileFormat? Detect(ReadOnlySpan<byte> head)
    {
        foreach (var line in Encoding.UTF8.GetString(head).TrimStart('\uFEFF').Split('\n'))
        {
            var tokens = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0)
            {
                continue;
            }

            if (tokens.All(LooksLikeInteger))
            {
                return TraceFileFormat.Numbers;
            }

            return tokens.All(t => TraceFileParser.IsSyscallName(Encoding.UTF8.GetBytes(t))) ? TraceFileFormat.Names : TraceFileFormat.Strace;
        }

        return null;
    }

    private static bool LooksLikeInteger(string token) =>
        token.TrimStart('-') is { Length: > 0 } digits && digits.All(char.IsAsciiDigit);
}
