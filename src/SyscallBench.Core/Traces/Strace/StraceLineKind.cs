namespace SyscallBench.Core.Traces.Strace;

/// <summary>What kind of strace line one line is, before the reader pairs unfinished and resumed calls.</summary>
internal enum StraceLineKind
{
    /// <summary>Blank, a strace message ("strace: Process 12 attached", "[ Process PID=12 runs in 32 bit mode. ]"), or a -k stack frame (" > ...").</summary>
    Ignored,

    /// <summary>A call with its result on the same line (or "&lt;detached ...&gt;", which never resumes).</summary>
    Call,

    /// <summary>A call ending in "&lt;unfinished ...&gt;": its result comes on a later resumed line.</summary>
    Unfinished,

    /// <summary>"&lt;... name resumed&gt; ... = result": the end of an unfinished call.</summary>
    Resumed,

    Signal,
    Exited,
    Killed,

    /// <summary>"+++ superseded by execve in pid N +++": a thread's execve finishes under the leader's pid.</summary>
    Superseded,

    /// <summary>A line that starts like a strace line but stops before its end (no result, no closing marker).</summary>
    Incomplete,

    Malformed,
}
