using System.IO.Compression;
using System.IO.Hashing;

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
public sealed class CheckedZipEntryStream : Stream
{
    private readonly Stream _inner;
    private readonly string _name;
    private readonly uint _expectedCrc;
    private readonly long _expectedLength;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _checked;

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

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new SyscallBenchException($"{_name}: damaged zip entry ({e.Message}).", e);
        }

        if (read > 0)
        {
            _length += read;
            _crc.Append(buffer[..read]);
        }
        else if (!buffer.IsEmpty && !_checked)
        {
            _checked = true;
            if (_length != _expectedLength)
            {
                throw new SyscallBenchException($"{_name}: damaged zip entry ({_length} bytes decompressed, the archive records {_expectedLength}).");
            }

            if (_crc.GetCurrentHashAsUInt32() != _expectedCrc)
            {
                throw new SyscallBenchException($"{_name}: damaged zip entry (its CRC-32 differs from the archive's: the data was changed or corrupted).");
            }
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
