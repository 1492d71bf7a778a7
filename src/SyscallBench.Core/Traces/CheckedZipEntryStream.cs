using System.IO.Compression;

namespace SyscallBench.Core.Traces;

/// <summary>
/// A zip entry's decompressed content that fails, naming the entry, when it is damaged: its CRC-32 or length
/// differs from what the archive records, or the compressed data is invalid.
/// </summary>
/// <remarks>
/// ZipArchiveEntry.Open does not check the CRC-32 (.NET 10; the check arrives in .NET 11), so a flipped bit in a
/// deflated entry can decompress into different bytes silently. The content is hashed as it is read and checked
/// when the reader reaches its end; a reader that stops early checks nothing. The entry is never extracted to
/// disk. Shared by every reader of zipped recordings.
/// </remarks>
public sealed class CheckedZipEntryStream : CrcCheckedReadStream
{
    private readonly Stream _inner;
    private readonly string _name;
    private readonly uint _expectedCrc;
    private readonly long _expectedLength;

    private CheckedZipEntryStream(Stream inner, string name, uint expectedCrc, long expectedLength)
    {
        _inner = inner;
        _name = name;
        _expectedCrc = expectedCrc;
        _expectedLength = expectedLength;
    }

    /// <summary>Opens <paramref name="entry"/> for one sequential read.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="name">How messages name it ("scenario/test/x.zip!x.sc").</param>
    /// <exception cref="SyscallBenchException">The entry cannot be opened (unsupported compression, damaged header).</exception>
    public static CheckedZipEntryStream Open(ZipArchiveEntry entry, string name)
    {
        try
        {
            return new CheckedZipEntryStream(entry.Open(), name, entry.Crc32, entry.Length);
        }
        catch (InvalidDataException e)
        {
            throw new SyscallBenchException($"{name}: damaged zip entry ({e.Message}).", e);
        }
    }

    private protected override Stream Inner => _inner;

    private protected override void CheckEnd(long length, uint crc)
    {
        if (length != _expectedLength)
        {
            throw Damaged($"{length} bytes decompressed, the archive records {_expectedLength}");
        }

        if (crc != _expectedCrc)
        {
            throw Damaged("its CRC-32 differs from the archive's: the data was changed or corrupted");
        }
    }

    private protected override SyscallBenchException Damaged(string reason, Exception? inner = null)
    {
        var message = $"{_name}: damaged zip entry ({reason}).";
        return inner is null ? new SyscallBenchException(message) : new SyscallBenchException(message, inner);
    }
}
