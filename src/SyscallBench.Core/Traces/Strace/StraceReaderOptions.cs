namespace SyscallBench.Core.Traces.Strace;

/// <summary>How a <see cref="StraceReader"/> treats its input.</summary>
public sealed record StraceReaderOptions
{
    /// <summary>Fail with a <see cref="StraceFormatException"/> at the first malformed line instead of counting it.</summary>
    public bool Strict { get; init; }

    /// <summary>The pid of lines without a pid column (output without -f, or one -ff file: its name's suffix).</summary>
    public int DefaultPid { get; init; }

    /// <summary>Numbers syscall names; x86-64 by default, the machine strace usually runs on.</summary>
    public SyscallNames Names { get; init; } = SyscallNames.X86_64;
}
