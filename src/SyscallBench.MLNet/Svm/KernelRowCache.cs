namespace SyscallBench.MLNet.Svm;

/// <summary>
/// Least-recently-used cache of kernel-matrix rows, stored as <see cref="float"/> like libsvm's Qfloat,
/// within a byte budget. Row i may be cached partially: entries [0, length) are valid. This mirrors
/// libsvm's <c>Cache</c> class (Chang &amp; Lin), including how it handles index swaps during shrinking.
/// A recomputed entry equals the cached one bit for bit, so the budget changes speed, never the solution
/// (tested with a two-row cache).
/// </summary>
internal sealed class KernelRowCache
{
    private readonly float[]?[] _rows;
    private readonly int[] _lengths;

    // A circular doubly-linked LRU list over row indices; slot _count is the sentinel head.
    private readonly int[] _previous;
    private readonly int[] _next;
    private readonly int _head;
    private long _freeFloats;

    /// <param name="count">Number of training vectors (rows and columns).</param>
    /// <param name="budgetBytes">Cache size in bytes; at least two full rows are always allowed.</param>
    public KernelRowCache(int count, long budgetBytes)
    {
        _rows = new float[]?[count];
        _lengths = new int[count];
        _previous = new int[count + 1];
        _next = new int[count + 1];
        _head = count;
        _previous[_head] = _next[_head] = _head;

        // libsvm charges the per-row bookkeeping against the budget, then guarantees two full rows.
        const long bookkeepingBytesPerRow = 32;
        var floats = budgetBytes / sizeof(float) - count * bookkeepingBytesPerRow / sizeof(float);
        _freeFloats = Math.Max(floats, 2L * count);
    }

    /// <summary>
    /// Returns row <paramref name="index"/> with room for <paramref name="length"/> entries and the position
    /// from which entries still need to be filled (&gt;= length when the whole prefix is cached).
    /// </summary>
    public float[] GetRow(int index, int length, out int fillFrom)
    {
        var cachedLength = _lengths[index];
        if (cachedLength > 0)
        {
            Unlink(index);
        }

        var more = length - cachedLength;
        if (more > 0)
        {
            // Evict least recently used rows until the new entries fit.
            while (_freeFloats < more)
            {
                var oldest = _next[_head];
                Unlink(oldest);
                _freeFloats += _lengths[oldest];
                _rows[oldest] = null;
                _lengths[oldest] = 0;
            }

            var row = _rows[index];
            if (row is null || row.Length < length)
            {
                var grown = new float[length];
                if (row is not null)
                {
                    Array.Copy(row, grown, _lengths[index]);
                }

                _rows[index] = grown;
            }

            _freeFloats -= more;
            fillFrom = _lengths[index];
            _lengths[index] = length;
        }
        else
        {
            fillFrom = length;
        }

        LinkLast(index);
        return _rows[index]!;
    }

    /// <summary>Swaps rows i and j and entries i and j inside every cached row (libsvm's swap_index).</summary>
    public void Swap(int i, int j)
    {
        if (i == j)
        {
            return;
        }

        if (_lengths[i] > 0)
        {
            Unlink(i);
        }

        if (_lengths[j] > 0)
        {
            Unlink(j);
        }

        (_rows[i], _rows[j]) = (_rows[j], _rows[i]);
        (_lengths[i], _lengths[j]) = (_lengths[j], _lengths[i]);
        if (_lengths[i] > 0)
        {
            LinkLast(i);
        }

        if (_lengths[j] > 0)
        {
            LinkLast(j);
        }

        if (i > j)
        {
            (i, j) = (j, i);
        }

        var node = _next[_head];
        while (node != _head)
        {
            var following = _next[node];
            if (_lengths[node] > i)
            {
                if (_lengths[node] > j)
                {
                    var row = _rows[node]!;
                    (row[i], row[j]) = (row[j], row[i]);
                }
                else
                {
                    // The row covers i but not j: it cannot be fixed up, so drop it (as libsvm does).
                    Unlink(node);
                    _freeFloats += _lengths[node];
                    _rows[node] = null;
                    _lengths[node] = 0;
                }
            }

            node = following;
        }
    }

    private void Unlink(int node)
    {
        _next[_previous[node]] = _next[node];
        _previous[_next[node]] = _previous[node];
    }

    private void LinkLast(int node)
    {
        _next[node] = _head;
        _previous[node] = _previous[_head];
        _next[_previous[node]] = node;
        _previous[_next[node]] = node;
    }
}
