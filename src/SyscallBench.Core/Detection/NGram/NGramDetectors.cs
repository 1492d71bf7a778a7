namespace SyscallBench.Core.Detection.NGram;

/// <summary>The n-gram family's registry lines: one per detector type.</summary>
public static class NGramDetectors
{
    public static IReadOnlyList<DetectorDescriptor> Descriptors { get; } =
    [
    ];
}
