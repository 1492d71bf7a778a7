using System.Text.Json;

namespace SyscallBench.Core.Traces;

/// <summary>
/// Maps raw syscall numbers seen in training to dense indices 1..Count-1; index 0 is the explicit
/// unknown token that every syscall never seen in training maps to.
/// </summary>
/// <remarks>
/// Indices are assigned in ascending syscall-number order, so the same training data always gives the
/// same vocabulary regardless of trace order.
/// </remarks>
public sealed class Vocabulary
{
    public const int UnknownIndex = 0;

    private readonly Dictionary<int, int> _indexBySyscall;
    private readonly int[] _syscallByIndex;

    private Vocabulary(int[] knownSyscallsAscending)
    {
        _syscallByIndex = new int[knownSyscallsAscending.Length + 1];
        _syscallByIndex[UnknownIndex] = -1;
        _indexBySyscall = new Dictionary<int, int>(knownSyscallsAscending.Length);
        for (var i = 0; i < knownSyscallsAscending.Length; i++)
        {
            _syscallByIndex[i + 1] = knownSyscallsAscending[i];
            _indexBySyscall[knownSyscallsAscending[i]] = i + 1;
        }
    }

    /// <summary>Number of indices including the unknown token.</summary>
    public int Count => _syscallByIndex.Length;

    /// <summary>The known syscall numbers, ascending (index i+1 holds Known[i]).</summary>
    public IReadOnlyList<int> KnownSyscalls => _syscallByIndex.AsSpan(1).ToArray();

    public static Vocabulary Fit(IEnumerable<Trace> traces)
    {
        var seen = new HashSet<int>();
        foreach (var trace in traces)
        {
            foreach (var call in trace.Calls)
            {
                seen.Add(call);
            }
        }

        return FromSyscalls(seen);
    }

    public static Vocabulary FromSyscalls(IEnumerable<int> syscalls)
    {
        var sorted = syscalls.Distinct().Order().ToArray();
        return new Vocabulary(sorted);
    }

    public int IndexOf(int syscall) =>
        _indexBySyscall.TryGetValue(syscall, out var index) ? index : UnknownIndex;

    public bool IsKnown(int syscall) => _indexBySyscall.ContainsKey(syscall);

    /// <summary>The syscall number of a dense index, or null for the unknown token.</summary>
    public int? SyscallOf(int index) =>
        index == UnknownIndex ? null : _syscallByIndex[index];

    public int[] Encode(ReadOnlySpan<int> calls)
    {
        var encoded = new int[calls.Length];
        Encode(calls, encoded);
        return encoded;
    }

    /// <summary>Writes the index of each of <paramref name="calls"/> into <paramref name="destination"/> (at least as long).</summary>
    public void Encode(ReadOnlySpan<int> calls, Span<int> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, calls.Length, nameof(destination));
        for (var i = 0; i < calls.Length; i++)
        {
            destination[i] = IndexOf(calls[i]);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(_syscallByIndex.AsSpan(1).ToArray());

    /// <summary>Largest syscall number a saved vocabulary may hold (Linux numbers are below 1,000).</summary>
    public const int MaxSyscall = 65_535;

    /// <summary>
    /// Reads what <see cref="ToJson"/> wrote: known syscall numbers, ascending, each once, in 0..<see cref="MaxSyscall"/>.
    /// Anything else (a changed or cut file) is refused naming <paramref name="file"/>, rather than giving a
    /// model whose indices no longer match its weights.
    /// </summary>
    /// <exception cref="SyscallBenchException">The JSON is not such a list.</exception>
    public static Vocabulary FromJson(string json, string file)
    {
        int[]? syscalls;
        try
        {
            syscalls = JsonSerializer.Deserialize<int[]>(json);
        }
        catch (JsonException e)
        {
            throw new SyscallBenchException($"{file}: not a saved vocabulary (a JSON list of syscall numbers): {e.Message}", e);
        }

        if (syscalls is null || syscalls.Length == 0)
        {
            throw new SyscallBenchException($"{file}: the saved vocabulary is empty; a fitted model knows at least one syscall.");
        }

        for (var i = 0; i < syscalls.Length; i++)
        {
            if (syscalls[i] is < 0 or > MaxSyscall || (i > 0 && syscalls[i] <= syscalls[i - 1]))
            {
                throw new SyscallBenchException($"{file}: saved vocabulary item {i + 1} ({syscalls[i]}): syscall numbers must be "
                    + $"in 0..{MaxSyscall}, ascending, each once.");
            }
        }

        return FromSyscalls(syscalls);
    }
}
