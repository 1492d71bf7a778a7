using System.Text;

namespace SyscallBench.Cli.Tests;

/// <summary>
/// A text reader as UTF-8 bytes, read one <see cref="TextReader.Read(char[], int, int)"/> at a time as they are asked for,
/// so a reader that acts after some reads (a Ctrl-C, an end) sees the command read exactly that far.
/// </summary>
internal sealed class TextReaderStream(TextReader reader) : Stream
{
    private readonly char[] _chars = new char[4096];
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
    private byte[] _pending = [];
    private int _offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_offset == _pending.Length)
        {
            var read = reader.Read(_chars, 0, _chars.Length);
            _pending = new byte[_encoder.GetByteCount(_chars, 0, read, flush: read == 0)];
            _encoder.GetBytes(_chars, 0, read, _pending, 0, flush: read == 0);
            _offset = 0;
            if (read == 0)
            {
                if (_pending.Length == 0)
                {
                    return 0;
                }

                break;
            }
        }

        var n = Math.Min(count, _pending.Length - _offset);
        Array.Copy(_pending, _offset, buffer, offset, n);
        _offset += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
