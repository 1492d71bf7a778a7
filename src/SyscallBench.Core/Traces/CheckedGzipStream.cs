using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace SyscallBench.Core.Traces;

/// <summary>
/// A gzip file's decompressed content that fails, naming the file, when the file is damaged or cut short.
/// </summary>
/// <remarks>
/// GZipStream reads a file cut off inside its compressed data as if it ended there (a cut trace loses its
/// end and its last number is shortened, silently), and reports damaged data as a bare InvalidDataException.
/// So the file's trailer, its last 8 bytes (CRC-32 and ISIZE, the content's length mod 2^32, of the last gzip
/// member), is read first and checked when the content has been read to its end; a reader that stops
/// early (format detection) checks nothing, the full read that follows does. A file of several
/// concatenated gzip members fails the check: its trailer covers only the last member.
/// </remarks>
internal sealed class CheckedGzipStream : Stream
{
    /// <summary>The smallest gzip file: a 10-byte header, an empty deflate block, an 8-byte trailer.</summary>
    private const int MinimumLength = 20;

    private readonly string _path;
    private readonly GZipStream _inner;
    private readonly Crc32 _crc = new();
    private readonly uint _expectedCrc;
    private readonly uint _expectedLength;
    private long _length;
    private bool _checked;

    /// <summary>Takes ownership of <paramref name="file"/>, positioned anywhere.</summary>
    public CheckedGzipStream(FileStream file, string path)
    {
        _path = path;
        if (file.Length < MinimumLength)
        {
            throw Damaged($"{file.Length} bytes, shorter than any gzip file");
        }

        Span<byte> trailer = stackalloc byte[8];
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Position = 0;
        _expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        _expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        _inner = new GZipStream(file, CompressionMode.Decompress);
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
        catch (InvalidDataException error)
        {
            throw Damaged(error.Message);
        }

        if (read > 0)
        {
            _length += read;
            _crc.Append(buffer[..read]);
        }
        else if (!buffer.IsEmpty && !_checked)
        {
            _checked = true;
            CheckTrailer();
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

    private void CheckTrailer()
    {
        if ((uint)_length != _expectedLength)
        {
            throw Damaged($"{_length} bytes decompressed, but the gzip trailer records {_expectedLength} (mod 2^32): the file is cut short or damaged");
        }

        if (_crc.GetCurrentHashAsUInt32() != _expectedCrc)
        {
            throw Damaged("the content's CRC-32 differs from the gzip trailer's");
        }
    }

    private SyscallBenchException Damaged(string reason) => new($"{_path}: damaged gzip file ({reason})");
}
