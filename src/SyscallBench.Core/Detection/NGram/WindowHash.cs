namespace SyscallBench.Core.Detection.NGram;

/// <summary>
/// The hash of a window of ids: a polynomial Σ_i (uint)id_i · B^(k-1-i) mod 2^64 (Rabin-Karp), which
/// slides by one call in O(1) whatever k is, followed by a 64-bit finalizer (splitmix64) so that windows
/// differing only in low bits still spread over all hash slots. Scoring a trace hashes each call once,
/// not k times.
/// </summary>
internal static class WindowHash
{
    // Odd, so multiplying by it is invertible mod 2^64 and no id's contribution is lost.
    private const ulong Base = 0x9E3779B97F4A7C15UL;

    /// <summary>The polynomial of a whole window, before finishing.</summary>
    public static ulong Raw(ReadOnlySpan<int> window)
    {
        var h = 0UL;
        foreach (var id in window)
        {
            h = (h * Base) + (uint)id;
        }

        return h;
    }

    /// <summary>B^(k-1): the weight of the oldest id of a k-id window.</summary>
    public static ulong OldestWeight(int width)
    {
        var power = 1UL;
        for (var i = 1; i < width; i++)
        {
            power *= Base;
        }

        return power;
    }

    /// <summary>The raw hash of the window one call later: <paramref name="leaving"/> drops out, <paramref name="entering"/> joins.</summary>
    public static ulong Slide(ulong raw, int leaving, int entering, ulong oldestWeight) =>
        ((raw - ((uint)leaving * oldestWeight)) * Base) + (uint)entering;

    /// <summary>The non-negative hash stored in <see cref="WindowIndex"/> (so "&amp; mask" is a slot).</summary>
    public static int Finish(ulong raw)
    {
        var h = raw;
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebUL;
        h ^= h >> 31;
        return (int)(h & 0x7FFFFFFF);
    }

    public static int Of(ReadOnlySpan<int> window) => Finish(Raw(window));
}

/// <summary>
/// Every window of <c>width</c> consecutive ids of a span (step 1), each with its <see cref="WindowHash"/>,
/// the hash rolled forward rather than recomputed: the allocation-free loop behind fitting and scoring.
/// </summary>
internal ref struct WindowCursor
{
    private readonly ReadOnlySpan<int> _ids;
    private readonly int _width;
    private readonly ulong _oldestWeight;
    private ulong _raw;

    public WindowCursor(ReadOnlySpan<int> ids, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        _ids = ids;
        _width = width;
        _oldestWeight = WindowHash.OldestWeight(width);
        Position = -1;
    }

    /// <summary>Index of the current window (its first id); -1 before the first <see cref="MoveNext"/>.</summary>
    public int Position { get; private set; }

    public readonly ReadOnlySpan<int> Window => _ids.Slice(Position, _width);

    public readonly int Hash => WindowHash.Finish(_raw);

    public bool MoveNext()
    {
        var next = Position + 1;
        if (next + _width > _ids.Length)
        {
            return false;
        }

        _raw = next == 0
            ? WindowHash.Raw(_ids[.._width])
            : WindowHash.Slide(_raw, _ids[Position], _ids[next + _width - 1], _oldestWeight);
        Position = next;
        return true;
    }
}
