namespace SyscallBench.Core.Traces.Strace;

/// <summary>What <see cref="StraceFile.Read"/> found in one file.</summary>
/// <param name="Source">The file, as named in messages.</param>
/// <param name="Traces">One per process in order of first appearance, or the one per-file trace.</param>
/// <param name="Lines">Lines read.</param>
/// <param name="MalformedLines">Lines that are not strace output (counted, not in any trace).</param>
/// <param name="MalformedExamples">The first few malformed lines, "source:line: reason: 'text'".</param>
/// <param name="TruncatedLastLine">"source:line: truncated last line: 'text'" when the file ends mid-line, else null.</param>
public sealed record StraceFileResult(
    string Source,
    IReadOnlyList<StraceTrace> Traces,
    long Lines,
    long MalformedLines,
    IReadOnlyList<string> MalformedExamples,
    string? TruncatedLastLine);
