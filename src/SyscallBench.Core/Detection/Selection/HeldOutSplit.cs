using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.Selection;

/// <summary>The training normals cut in two for a <c>select:</c>: the part variants are fitted on and the part they are judged on.</summary>
public sealed record HeldOutSplit(IReadOnlyList<Trace> Fitting, IReadOnlyList<Trace> HeldOut)
{
    /// <summary>A seeded random round(fraction × n) traces (at least one, and at least one left to fit on) are held out, in their original order.</summary>
    /// <exception cref="SyscallBenchException">Fewer than two training normals.</exception>
    public static HeldOutSplit Of(IReadOnlyList<Trace> normals, double fraction, int seed, string detector)
    {
        if (normals.Count < 2)
        {
            throw new SyscallBenchException($"detector '{detector}': select: needs at least 2 training normals to hold some out, got {normals.Count}.");
        }

        var heldOutCount = Math.Clamp((int)Math.Round(fraction * normals.Count, MidpointRounding.AwayFromZero), 1, normals.Count - 1);
        var order = Enumerable.Range(0, normals.Count).ToArray();
        new Random(seed).Shuffle(order);
        var heldOut = order.Take(heldOutCount).ToHashSet();
        return new HeldOutSplit(
            Enumerable.Range(0, normals.Count).Where(i => !heldOut.Contains(i)).Select(i => normals[i]).ToArray(),
            Enumerable.Range(0, normals.Count).Where(heldOut.Contains).Select(i => normals[i]).ToArray());
    }
}
