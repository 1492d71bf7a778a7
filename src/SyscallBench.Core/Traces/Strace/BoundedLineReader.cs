namespace SyscallBench.Core.Traces.Strace;

/// <summary>
/// Reads lines ("\n", "\r\n" or "\r" endings) like <see cref="TextReader.ReadLine"/>, but keeps at most
/// <see cref="MaxLineLength"/> characters of a line, so binary input or an endless line cannot exhaust memory.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader)
{
    /// <summary>Longer lines are cut and flagged; strace's own lines stay far below this even with -s 65536.</summary>
    public const int MaxLineLength = 1 << 20;

    private readonly char[] _buffer = new char[16 * 1024];
    private readonly System.Text.StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _skipLineFeed;

    public readonly record struct Line(string Text, bool Overlong);

    /// <summary>The next line, or null at the end of the input.</summary>
    public Line? ReadLine()
    {
        _line.Clear();
        var overlong = false;
        var any = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = reader.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_length == 0)
                {
                    return any ? new Line(_line.ToString(), overlong) : null;
                }
            }

            var c = _buffer[_position++];
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (c == '\n')
                {
                    continue;
                }
            }

            any = true;
            if (c is '\n' or '\r')
            {
                _skipLineFeed = c == '\r';
                return new Line(_line.ToString(), overlong);
            }

            if (_line.Length < MaxLineLength)
            {
                _line.Append(c);
            }
            else
            {
                overlong = true;
            }
        }
    }
}
