using System.Text;

namespace SyscallBench.Core.Streaming;

/// <summary>What `score -` reads on standard input.</summary>
public enum ScoreInputFormat
{
    /// <summary>Told by the first non-blank line (<see cref="ScInput.LooksLikeSc"/>): .sc lines, else strace output.</summary>
    Auto,

    /// <summary>strace output (strace -f -tt ... 2&gt;&amp;1).</summary>
    Strace,

    /// <summary>sysdig .sc lines as LID-DS 2021 records them (`record - --container X`).</summary>
    Sc,
}

/// <summary>Tells the format of standard input from its first non-blank line, without losing what was read to tell it.</summary>
public static class StandardInputFormat
{
    /// <summary>Lines longer than this are not looked into further (the readers report them): enough for any .sc or strace line's head.</summary>
    private const int MaxPeekBytes = 64 * 1024;

    /// <summary>
    /// Reads standard input up to the end of its first non-blank line (blocking until it arrives) and tells its format;
    /// returns it with a stream that gives those bytes again, then the rest.
    /// </summary>
    /// <param name="input">Standard input.</param>
    /// <param name="requested">Auto to detect; otherwise returned as given, with nothing read.</param>
    public static (ScoreInputFormat Format, Stream Input) Detect(Stream input, ScoreInputFormat requested)
    {
        if (requested != ScoreInputFormat.Auto)
        {
            return (requested, input);
        }

        var head = new MemoryStream();
        var lineStart = 0L;
        var one = new byte[1];
        // Byte by byte, so nothing past the first line is read (and waited for) before scoring starts: a live stream's
        // next line may come much later. Only the first line is read this way.
        while (head.Length < MaxPeekBytes && input.Read(one, 0, 1) == 1)
        {
            head.WriteByte(one[0]);
            if (one[0] != (byte)'\n')
            {
                continue;
            }

            var line = Encoding.UTF8.GetString(head.GetBuffer(), (int)lineStart, (int)(head.Length - lineStart));
            if (!string.IsNullOrWhiteSpace(line))
            {
                break;
            }

            lineStart = head.Length;
        }

        var first = Encoding.UTF8.GetString(head.GetBuffer(), (int)lineStart, (int)(head.Length - lineStart));
        var format = ScInput.LooksLikeSc(first) ? ScoreInputFormat.Sc : ScoreInputFormat.Strace;
        return (format, new PrefixedStream(head.ToArray(), input));
    }

    /// <summary>A read-only stream giving a prefix, then the rest of another stream (which it does not own).</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(count, prefix.Length - _position);
                Array.Copy(prefix, _position, buffer, offset, n);
                _position += n;
                return n;
            }

            return rest.Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
