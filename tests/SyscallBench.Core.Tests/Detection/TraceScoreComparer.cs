using SyscallBench.Core.Detection;

namespace SyscallBench.Core.Tests.Detection;

/// <summary>Bit-for-bit equality of trace scores, position scores included (records compare arrays by reference).</summary>
internal sealed class TraceScoreComparer : IEqualityComparer<TraceScore>
{
    public static TraceScoreComparer Exact { get; } = new();

    public bool Equals(TraceScore? x, TraceScore? y) =>
        x is not null && y is not null
        && x.Value.Equals(y.Value)
        && (x.PositionScores is null ? y.PositionScores is null
            : y.PositionScores is not null && x.PositionScores.AsSpan().SequenceEqual(y.PositionScores));

    public int GetHashCode(TraceScore obj) => obj.Value.GetHashCode();
}
