using System.Text;

namespace SyscallBench.Core.Datasets;

/// <summary>
/// Parses one trace file: syscall numbers as non-negative decimal integers separated by whitespace
/// (spaces, tabs, line breaks), the format of ADFA-LD and of trace folders.
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
        if (bytes.StartsWith(Utf8ByteOrderMark))
        {
            bytes = bytes[3..];
        }

        var count = 0;
        var line = 1;
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b == (byte)'\n')
            {
                line++;
                i++;
                continue;
            }

            if (b is (byte)' ' or (byte)'\t' or (byte)'\r')
            {
                i++;
                continue;
            }

            var tokenStart = i;
            long value = 0;
            while (i < bytes.Length && bytes[i] is >= (byte)'0' and <= (byte)'9')
            {
                // Saturate instead of overflowing: anything above the maximum is reported as too large.
                value = Math.Min(value * 10 + (bytes[i] - '0'), (long)MaxSyscallNumber + 1);
                i++;
            }

            if (i == tokenStart || (i < bytes.Length && !IsSeparator(bytes[i])))
            {
                var token = TokenAt(bytes, tokenStart);
                var problem = token.StartsWith('-') && token.Length > 1 && token[1..].All(char.IsAsciiDigit)
                    ? "negative syscall number"
                    : "not a syscall number (expected a non-negative integer)";
                throw DatasetException.AtToken(fileName, line, token, problem);
            }

            if (value > MaxSyscallNumber)
            {
                throw DatasetException.AtToken(fileName, line, TokenAt(bytes, tokenStart),
                    $"syscall number is larger than {MaxSyscallNumber}");
            }

            if (count == _scratch.Length)
            {
                Array.Resize(ref _scratch, _scratch.Length * 2);
            }

            _scratch[count++] = (int)value;
        }

        if (count == 0)
        {
            throw new DatasetException($"{fileName}: empty trace (no syscall numbers in the file).");
        }

        return _scratch.AsSpan(0, count).ToArray();
    }

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
