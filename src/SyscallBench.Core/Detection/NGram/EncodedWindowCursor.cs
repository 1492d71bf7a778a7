using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.NGram;

/// <summary>
/// The windows of a trace of raw syscall numbers (<see cref="SlidingWindows"/>' rule, short traces padded), encoded to
/// vocabulary ids one chunk at a time: the same windows and hashes, in the same order, as encoding the whole trace
/// and sliding over it, without an id array as long as the trace (4 bytes per call: 1.3 GB for the 333-million-call
/// trace of issue #18).
/// </summary>
internal ref struct EncodedWindowCursor
{
    /// <summary>Windows per chunk: large enough that re-encoding the k-1 calls chunks share costs nothing.</summary>
    internal const int ChunkWindows = 64 * 1024;

    private readonly ReadOnlySpan<int> _calls;
    private readonly Vocabulary _vocabulary;
    private readonly int _width;
    private readonly Span<int> _ids;
    private readonly int _windowCount;
    private int _chunkStart;
    private int _chunkWindows;
    private WindowCursor _chunk;

    public EncodedWindowCursor(ReadOnlySpan<int> calls, Vocabulary vocabulary, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _calls = calls;
        _vocabulary = vocabulary;
        _width = width;
        _windowCount = SlidingWindows.CountOf(calls.Length, width);
        if (calls.Length < width)
        {
            _ids = new int[width];
            vocabulary.Encode(calls, _ids);
            _ids[calls.Length..].Fill(SlidingWindows.Padding);
            _chunkWindows = 1;
            _chunk = new WindowCursor(_ids, width);
            return;
        }

        _ids = new int[Math.Min(ChunkWindows, _windowCount) + width - 1];
        Load(0);
    }

    /// <summary>Index of the current window (its first call); -1 before the first <see cref="MoveNext"/>.</summary>
    public readonly int Position => _chunk.Position < 0 ? -1 : _chunkStart + _chunk.Position;

    /// <summary>The current window's vocabulary ids.</summary>
    public readonly ReadOnlySpan<int> Window => _chunk.Window;

    /// <summary>The current window's <see cref="WindowHash"/>.</summary>
    public readonly int Hash => _chunk.Hash;

    public bool MoveNext()
    {
        if (_chunk.MoveNext())
        {
            return true;
        }

        var next = _chunkStart + _chunkWindows;
        if (next >= _windowCount)
        {
            return false;
        }

        Load(next);
        return _chunk.MoveNext();
    }

    /// <summary>Encodes the calls of windows <paramref name="start"/> .. start + <see cref="ChunkWindows"/> - 1.</summary>
    private void Load(int start)
    {
        _chunkStart = start;
        _chunkWindows = Math.Min(ChunkWindows, _windowCount - start);
        var ids = _ids[..(_chunkWindows + _width - 1)];
        _vocabulary.Encode(_calls.Slice(start, ids.Length), ids);
        _chunk = new WindowCursor(ids, _width);
    }
}
