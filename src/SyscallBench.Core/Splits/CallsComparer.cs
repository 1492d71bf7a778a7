namespace SyscallBench.Core.Splits;

/// <summary>Compares traces' call sequences by content (their ids differ).</summary>
internal sealed class CallsComparer : IEqualityComparer<int[]>
{
    public static CallsComparer Instance { get; } = new();

    public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] calls)
    {
        var hash = new HashCode();
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(calls.AsSpan()));
        return hash.ToHashCode();
    }
}
