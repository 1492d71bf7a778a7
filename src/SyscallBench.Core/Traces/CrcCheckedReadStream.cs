using System.IO.Hashing;

namespace SyscallBench.Core.Traces;

/// <summary>
/// Decompressed content read forward once, hashed with CRC-32 as it is read and checked against what its container
/// records when the reader reaches its end (a reader that stops early checks nothing). The container's damage
/// (invalid compressed data, a wrong length or CRC-32) becomes a <see cref="SyscallBenchException"/> naming it.
/// Shared by <see cref="CheckedZipEntryStream"/> and <see cref="CheckedGzipStream"/>, which differ in where the
/// expected values come from and how they name the damage.
/// </summary>
public abstract class CrcCheckedReadStream : Stream
{
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _checked;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The decompressing stream read from (owned: disposed with this one).</summary>
    private protected abstract Stream Inner { get; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = Inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Damaged(e.Message, e);
        }

        if (read > 0)
        {
            _length += read;
            _crc.Append(buffer[..read]);
        }
        else if (!buffer.IsEmpty && !_checked)
        {
            _checked = true;
            CheckEnd(_length, _crc.GetCurrentHashAsUInt32());
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Throws when the whole content's <paramref name="length"/> or <paramref name="crc"/> differ from the container's record.</summary>
    private protected abstract void CheckEnd(long length, uint crc);

    /// <summary>The error naming the container and why it is damaged.</summary>
    private protected abstract SyscallBenchException Damaged(string reason, Exception? inner = null);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
