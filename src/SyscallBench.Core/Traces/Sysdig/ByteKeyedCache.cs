using System.IO.Hashing;
using System.Text;

namespace SyscallBench.Core.Traces.Sysdig;

/// <summary>
/// Values looked up by a name's UTF-8 bytes, without making a string of them: a sysdig file repeats a few dozen process and
/// syscall names millions of times, so a line should cost a hash of its bytes, not an allocation and a string hash.
/// </summary>
/// <remarks>
/// Keyed by the 64-bit XxHash3 of the bytes, each entry keeping its bytes to compare (a hash collision falls back to
/// <c>create</c>, uncached). The last name looked up is checked first: consecutive lines mostly share the process name.
/// Bounded: past <see cref="Capacity"/> distinct names (garbage input), new ones are created without being kept.
/// </remarks>
internal sealed class ByteKeyedCache<T>(Func<string, T> create)
{
    public const int Capacity = 4096;

    private readonly Dictionary<ulong, (byte[] Key, T Value)> _entries = [];
    private byte[] _lastKey = [];
    private T _lastValue = default!;

    public T Get(ReadOnlySpan<byte> key)
    {
        if (key.SequenceEqual(_lastKey))
        {
            return _lastValue;
        }

        var hash = XxHash3.HashToUInt64(key);
        if (_entries.TryGetValue(hash, out var entry))
        {
            if (!key.SequenceEqual(entry.Key))
            {
                return create(Encoding.UTF8.GetString(key));
            }
        }
        else
        {
            entry = (key.ToArray(), create(Encoding.UTF8.GetString(key)));
            if (_entries.Count < Capacity)
            {
                _entries.Add(hash, entry);
            }
        }

        (_lastKey, _lastValue) = entry;
        return entry.Value;
    }
}
