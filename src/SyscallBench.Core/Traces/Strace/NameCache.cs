namespace SyscallBench.Core.Traces.Strace;

/// <summary>
/// Hands out one string per distinct syscall or signal name, so a million events share a few hundred strings
/// instead of allocating one each. Bounded: past <see cref="MaxEntries"/> distinct names (garbage input) new names
/// are allocated without being kept.
/// </summary>
internal sealed class NameCache
{
    public const int MaxEntries = 4096;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _byText;

    public NameCache() => _byText = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> name)
    {
        if (_byText.TryGetValue(name, out var known))
        {
            return known;
        }

        var text = name.ToString();
        if (_names.Count < MaxEntries)
        {
            _names.Add(text);
        }

        return text;
    }
}
