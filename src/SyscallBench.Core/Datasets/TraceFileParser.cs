using System.Text;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Datasets;

/// <summary>
/// Parses one trace file: syscall numbers as non-negative decimal integers separated by whitespace
/// (spaces, tabs, line breaks), the format of ADFA-LD and of trace folders; or syscall names the same way.
/// </summary>
/// <remarks>
/// Hand-written over the raw bytes because ADFA-LD holds 2.7 million numbers: going through strings and
/// int.Parse would allocate one string per number. An instance keeps a scratch buffer between files, so
/// use one per thread.
/// </remarks>
internal sealed class TraceFileParser
{
    /// <summary>Larger numbers are a corrupt file, not a syscall (real tables stay far below this).</summary>
    public const int MaxSyscallNumber = 65_535;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private int[] _scratch = new int[4096];

    /// <param name="bytes">The file's content (UTF-8 or ASCII; a UTF-8 byte order mark is allowed).</param>
    /// <param name="fileName">Named in error messages, e.g. "ADFA-LD.zip!ADFA-LD/Training_Data_Master/UTD-0001.txt".</param>
    public int[] Parse(ReadOnlySpan<byte> bytes, string fileName)
    {
        bytes = WithoutByteOrderMark(bytes);
        var count = 0;
        var line = 1;
        var i = 0;
        while (NextToken(bytes, ref i, ref line, out var tokenStart))
        {
            long value = 0;
            for (var j = tokenStart; j < i; j++)
            {
                if (bytes[j] is < (byte)'0' or > (byte)'9')
                {
                    var token = TokenAt(bytes, tokenStart);
                    var problem = token.StartsWith('-') && token.Length > 1 && token[1..].All(char.IsAsciiDigit)
                        ? "negative syscall number"
                        : "not a syscall number (expected a non-negative integer)";
                    throw DatasetException.AtToken(fileName, line, token, problem);
                }

                // Saturate instead of overflowing: anything above the maximum is reported as too large.
                value = Math.Min(value * 10 + (bytes[j] - '0'), (long)MaxSyscallNumber + 1);
            }

            if (value > MaxSyscallNumber)
            {
                throw DatasetException.AtToken(fileName, line, TokenAt(bytes, tokenStart),
                    $"syscall number is larger than {MaxSyscallNumber}");
            }

            Append(ref count, (int)value);
        }

        return Result(count, fileName, "syscall numbers");
    }

    /// <summary>
    /// Parses syscall names separated by whitespace ("open read close"), numbering them with <paramref name="names"/>;
    /// a name the table does not know gets its stable <see cref="SyscallNames.UnknownNameId"/>, as strace names do.
    /// </summary>
    public int[] ParseNames(ReadOnlySpan<byte> bytes, string fileName, SyscallNames names)
    {
        bytes = WithoutByteOrderMark(bytes);
        var count = 0;
        var line = 1;
        var i = 0;
        while (NextToken(bytes, ref i, ref line, out var tokenStart))
        {
            var token = bytes[tokenStart..i];
            if (!IsSyscallName(token))
            {
                throw DatasetException.AtToken(fileName, line, TokenAt(bytes, tokenStart),
                    "not a syscall name (expected letters, digits and '_', not starting with a digit)");
            }

            Append(ref count, names.IdOf(Encoding.ASCII.GetString(token)));
        }

        return Result(count, fileName, "syscall names");
    }

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

    private static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(Utf8ByteOrderMark) ? bytes[3..] : bytes;

    /// <summary>Skips separators (counting lines) to the next token; on return it spans [start, i).</summary>
    private static bool NextToken(ReadOnlySpan<byte> bytes, ref int i, ref int line, out int start)
    {
        while (i < bytes.Length && IsSeparator(bytes[i]))
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
            }

            i++;
        }

        start = i;
        while (i < bytes.Length && !IsSeparator(bytes[i]))
        {
            i++;
        }

        return i > start;
    }

    private void Append(ref int count, int call)
    {
        if (count == _scratch.Length)
        {
            Array.Resize(ref _scratch, _scratch.Length * 2);
        }

        _scratch[count++] = call;
    }

    private int[] Result(int count, string fileName, string what) =>
        count == 0
            ? throw new DatasetException($"{fileName}: empty trace (no {what} in the file).")
            : _scratch.AsSpan(0, count).ToArray();

    private static bool IsSeparator(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>The whole offending token, cut short so a binary file does not flood the message.</summary>
    private static string TokenAt(ReadOnlySpan<byte> bytes, int start)
    {
        var end = start;
        while (end < bytes.Length && !IsSeparator(bytes[end]) && end - start < 40)
        {
            end++;
        }

        return Encoding.UTF8.GetString(bytes[start..end]);
    }
}
