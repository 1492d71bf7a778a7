namespace SyscallBench.Core.Traces.Strace;

/// <summary>A malformed strace line in strict mode. The message reads "source:line: reason: 'text'".</summary>
public sealed class StraceFormatException(string message, string sourceName, long line) : SyscallBenchException(message)
{
    public string SourceName { get; } = sourceName;

    public long Line { get; } = line;
}
