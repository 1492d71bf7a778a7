using System.Buffers;
using System.Text;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Datasets;

/// <summary>
/// Parses one trace file: syscall numbers as non-negative decimal integers separated by whitespace
/// (spaces, tabs, line breaks), the format of ADFA-LD and of trace folders; or syscall names the same way.
/// </summary>
/// <remarks>
/// <para>Hand-written over the raw bytes because ADFA-LD holds 2.7 million numbers: going through strings and
/// int.Parse would allocate one string per number.</para>
/// <para>Memory: the result, 4 bytes a call, and little else. Two passes, the first counting the tokens, so the
/// result is allocated once at its exact size and nothing grows or is copied; a file is read in chunks of
/// <see cref="ChunkBytes"/> in both, never whole. Before, the whole file (about 3 bytes a call), a doubling scratch
/// buffer kept per reader and a copy of it made a 1 GB trace of 333 million calls take some 4.7 GB to parse
/// (issue #18). A gzip file is decompressed twice: time traded for memory.</para>
/// </remarks>
internal static class TraceFileParser
{
    /// <summary>Larger numbers are a corrupt file, not a syscall (real tables stay far below this).</summary>
    public const int MaxSyscallNumber = 65_535;

    /// <summary>Bytes read from a file at a time, and so the longest token a file may hold (no syscall number or name comes near).</summary>
    internal const int ChunkBytes = 64 * 1024;

    private const string NumbersText = "syscall numbers";
    private const string NamesText = "syscall names";

    private static readonly SearchValues<byte> Separators = SearchValues.Create(" \t\r\n"u8);

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private delegate void TokenAction(ReadOnlySpan<byte> token, int line);

    private delegate int TokenValue(ReadOnlySpan<byte> token, int line, string fileName);

    /// <param name="bytes">The file's content (UTF-8 or ASCII; a UTF-8 byte order mark is allowed).</param>
    /// <param name="fileName">Named in error messages, e.g. "ADFA-LD.zip!ADFA-LD/Training_Data_Master/UTD-0001.txt".</param>
    public static int[] Parse(ReadOnlySpan<byte> bytes, string fileName) => FromBytes(bytes, fileName, NumbersText, Number);

    /// <summary>
    /// Parses syscall names separated by whitespace ("open read close"), numbering them with <paramref name="names"/>;
    /// a name the table does not know gets its stable <see cref="SyscallNames.UnknownNameId"/>, as strace names do.
    /// </summary>
    public static int[] ParseNames(ReadOnlySpan<byte> bytes, string fileName, SyscallNames names) =>
        FromBytes(bytes, fileName, NamesText, (token, line, file) => Name(token, line, file, names));

    /// <summary>As <see cref="Parse"/>, reading the file (gzip-compressed or not) in chunks.</summary>
    /// <exception cref="SyscallBenchException">The file is larger than <see cref="MaybeGzippedFile.MaxWholeFileBytes"/>, damaged, or not numbers.</exception>
    public static int[] ParseFile(string path) => FromFile(path, NumbersText, Number);

    /// <summary>As <see cref="ParseNames"/>, reading the file (gzip-compressed or not) in chunks.</summary>
    public static int[] ParseNamesFile(string path, SyscallNames names) =>
        FromFile(path, NamesText, (token, line, file) => Name(token, line, file, names));

    /// <summary>True when a token is a syscall name: ASCII letters, digits and '_', not starting with a digit.</summary>
    internal static bool IsSyscallName(ReadOnlySpan<byte> token)
    {
        if (token.IsEmpty || token[0] is >= (byte)'0' and <= (byte)'9')
        {
            return false;
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

    private static int[] FromBytes(ReadOnlySpan<byte> bytes, string fileName, string what, TokenValue value)
    {
        bytes = bytes.StartsWith(Utf8ByteOrderMark) ? bytes[3..] : bytes;
        var calls = new CallsBuilder(fileName, what);
        var line = 1;
        Tokens(bytes, ref line, calls.Count);
        calls.Allocate();
        line = 1;
        Tokens(bytes, ref line, (token, at) => calls.Add(value(token, at, fileName)));
        return calls.Result();
    }

    private static int[] FromFile(string path, string what, TokenValue value)
    {
        var calls = new CallsBuilder(path, what);
        FileTokens(path, calls.Count);
        calls.Allocate();
        FileTokens(path, (token, line) => calls.Add(value(token, line, path)));
        return calls.Result();
    }

    /// <summary>Every token of <paramref name="bytes"/> with its line, counting lines on from <paramref name="line"/>.</summary>
    private static void Tokens(ReadOnlySpan<byte> bytes, ref int line, TokenAction action)
    {
        var i = 0;
        while (true)
        {
            while (i < bytes.Length && IsSeparator(bytes[i]))
            {
                line += bytes[i] == (byte)'\n' ? 1 : 0;
                i++;
            }

            if (i == bytes.Length)
            {
                return;
            }

            var length = bytes[i..].IndexOfAny(Separators);
            length = length < 0 ? bytes.Length - i : length;
            action(bytes.Slice(i, length), line);
            i += length;
        }
    }

    /// <summary>
    /// Every token of a file, read <see cref="ChunkBytes"/> at a time; a token cut by the end of a chunk is kept for the
    /// next read, so actions always see whole tokens and the right line.
    /// </summary>
    private static void FileTokens(string path, TokenAction action)
    {
        using var stream = MaybeGzippedFile.OpenRead(path);
        if (stream.CanSeek)
        {
            MaybeGzippedFile.ThrowIfTooLarge(stream.Length, path);
        }

        var buffer = new byte[ChunkBytes];
        var kept = 0;
        var line = 1;
        long total = 0;
        for (var first = true; ; first = false)
        {
            var read = stream.ReadAtLeast(buffer.AsSpan(kept), buffer.Length - kept, throwOnEndOfStream: false);
            total += read;
            MaybeGzippedFile.ThrowIfTooLarge(total, path);
            var length = kept + read;
            var atEnd = length < buffer.Length;
            var chunk = buffer.AsSpan(0, length);
            var start = first && chunk.StartsWith(Utf8ByteOrderMark) ? 3 : 0;
            var complete = atEnd ? length : chunk.LastIndexOfAny(Separators) + 1;
            if (complete <= start)
            {
                throw DatasetException.AtToken(path, line, Cut(chunk[start..]),
                    $"a token of more than {ChunkBytes} bytes is not a syscall number or name");
            }

            Tokens(chunk[start..complete], ref line, action);
            if (atEnd)
            {
                return;
            }

            chunk[complete..].CopyTo(buffer);
            kept = length - complete;
        }
    }

    private static int Number(ReadOnlySpan<byte> token, int line, string fileName)
    {
        long value = 0;
        foreach (var b in token)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                var text = Cut(token);
                var problem = text.StartsWith('-') && text.Length > 1 && text[1..].All(char.IsAsciiDigit)
                    ? "negative syscall number"
                    : "not a syscall number (expected a non-negative integer)";
                throw DatasetException.AtToken(fileName, line, text, problem);
            }

            // Saturate instead of overflowing: anything above the maximum is reported as too large.
            value = Math.Min(value * 10 + (b - '0'), (long)MaxSyscallNumber + 1);
        }

        return value > MaxSyscallNumber
            ? throw DatasetException.AtToken(fileName, line, Cut(token), $"syscall number is larger than {MaxSyscallNumber}")
            : (int)value;
    }

    private static int Name(ReadOnlySpan<byte> token, int line, string fileName, SyscallNames names) =>
        IsSyscallName(token)
            ? names.IdOf(Encoding.ASCII.GetString(token))
            : throw DatasetException.AtToken(fileName, line, Cut(token),
                "not a syscall name (expected letters, digits and '_', not starting with a digit)");

    private static bool IsSeparator(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>The offending token, cut short so a binary file does not flood the message.</summary>
    private static string Cut(ReadOnlySpan<byte> token) => Encoding.UTF8.GetString(token[..Math.Min(token.Length, 40)]);

    /// <summary>The result of the two passes: counted, allocated once at that size, filled.</summary>
    private sealed class CallsBuilder(string fileName, string what)
    {
        private int _count;
        private int[] _calls = [];
        private int _filled;

        public void Count(ReadOnlySpan<byte> token, int line) => _count++;

        public void Allocate() =>
            _calls = _count == 0 ? throw new DatasetException($"{fileName}: empty trace (no {what} in the file).") : new int[_count];

        public void Add(int call)
        {
            if (_filled == _calls.Length)
            {
                throw Changed();
            }

            _calls[_filled++] = call;
        }

        public int[] Result() => _filled == _calls.Length ? _calls : throw Changed();

        private DatasetException Changed() =>
            new($"{fileName}: the file changed while it was read ({_count} {what} counted, then {(_filled == _calls.Length ? "more" : $"{_filled}")} read).");
    }
}
