namespace SyscallBench.Core.Traces.Sysdig;

/// <summary>A sysdig line that is not in the expected layout. The message reads "source:line: reason: 'text'".</summary>
public sealed class SysdigFormatException(string message, string sourceName, long line) : SyscallBenchException(message)
{
    public string SourceName { get; } = sourceName;

    public long Line { get; } = line;
}
