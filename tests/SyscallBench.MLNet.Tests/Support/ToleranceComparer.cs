using SyscallBench.TestSupport;
namespace SyscallBench.MLNet.Tests;

/// <summary>Compares doubles within an absolute tolerance.</summary>
public sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}
