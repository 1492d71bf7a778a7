using System.Diagnostics;

namespace SyscallBench.Core.Detection.NGram;

/// <summary>
/// Interns fixed-width windows of integer ids (dense vocabulary ids, padding markers) into dense indices
/// 0..Count-1, in first-seen order. An open-addressing hash table over one packed int array: no string
/// keys, no per-window allocation, exact comparison (a hash collision never merges two windows). Hashes
/// are <see cref="WindowHash"/>es, so a caller sliding over a trace passes each window's rolled hash.
/// </summary>
/// <remarks>
/// Not thread-safe for <see cref="GetOrAdd"/>; <see cref="IndexOf"/> only reads, so a finished index may
/// be queried from many threads at once (the fitted detectors score in parallel).
/// </remarks>
public sealed class WindowIndex
{
    private const int EmptySlot = -1;

    private int[] _keys;      // window i occupies _keys[i*Width .. i*Width+Width-1]
    private int[] _hashes;    // hash of window i, kept so growing never rehashes the keys
    private int[] _slots;     // dense index of the window in each hash slot, or EmptySlot
    private int _mask;

    public WindowIndex(int width, int initialCapacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        Width = width;
        var slotCount = 16;
        while (slotCount < initialCapacity * 2)
        {
            slotCount *= 2;
        }

        _slots = new int[slotCount];
        Array.Fill(_slots, EmptySlot);
        _mask = slotCount - 1;
        _keys = new int[Math.Max(1, initialCapacity * width)];
        _hashes = new int[Math.Max(1, initialCapacity)];
    }

    /// <summary>Number of ids in every window.</summary>
    public int Width { get; }

    /// <summary>Number of distinct windows interned.</summary>
    public int Count { get; private set; }

    /// <summary>The window with dense index <paramref name="index"/>.</summary>
    public ReadOnlySpan<int> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _keys.AsSpan(index * Width, Width);
        }
    }

    /// <summary>The dense index of <paramref name="window"/>, or -1 when it was never added.</summary>
    public int IndexOf(ReadOnlySpan<int> window)
    {
        CheckWidth(window);
        return IndexOfHashed(window, WindowHash.Of(window));
    }

    /// <summary>As <see cref="IndexOf"/>, with the window's <see cref="WindowHash"/> already known (rolled).</summary>
    internal int IndexOfHashed(ReadOnlySpan<int> window, int hash)
    {
        Debug.Assert(window.Length == Width && hash == WindowHash.Of(window), "the caller's hash must be the window's");
        for (var slot = hash & _mask; ; slot = (slot + 1) & _mask)
        {
            var index = _slots[slot];
            if (index == EmptySlot)
            {
                return -1;
            }

            if (_hashes[index] == hash && _keys.AsSpan(index * Width, Width).SequenceEqual(window))
            {
                return index;
            }
        }
    }

    /// <summary>The dense index of <paramref name="window"/>, adding it (as index Count) when new.</summary>
    public int GetOrAdd(ReadOnlySpan<int> window)
    {
        CheckWidth(window);
        return GetOrAddHashed(window, WindowHash.Of(window));
    }

    /// <summary>As <see cref="GetOrAdd"/>, with the window's <see cref="WindowHash"/> already known (rolled).</summary>
    internal int GetOrAddHashed(ReadOnlySpan<int> window, int hash)
    {
        Debug.Assert(window.Length == Width && hash == WindowHash.Of(window), "the caller's hash must be the window's");
        var slot = hash & _mask;
        for (; ; slot = (slot + 1) & _mask)
        {
            var index = _slots[slot];
            if (index == EmptySlot)
            {
                break;
            }

            if (_hashes[index] == hash && _keys.AsSpan(index * Width, Width).SequenceEqual(window))
            {
                return index;
            }
        }

        var added = Count;
        if ((added + 1) * Width > _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(_keys.Length * 2, (added + 1) * Width));
        }

        if (added + 1 > _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
        }

        window.CopyTo(_keys.AsSpan(added * Width, Width));
        _hashes[added] = hash;
        _slots[slot] = added;
        Count = added + 1;

        // Keep the load factor at most 1/2 so probe chains stay short.
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return added;
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        Array.Fill(_slots, EmptySlot);
        _mask = _slots.Length - 1;
        for (var index = 0; index < Count; index++)
        {
            var slot = _hashes[index] & _mask;
            while (_slots[slot] != EmptySlot)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = index;
        }
    }

    private void CheckWidth(ReadOnlySpan<int> window)
    {
        if (window.Length != Width)
        {
            throw new ArgumentException($"Window has {window.Length} ids; this index holds windows of {Width}.", nameof(window));
        }
    }
}
