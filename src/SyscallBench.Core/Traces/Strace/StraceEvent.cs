namespace SyscallBench.Core.Traces.Strace;

/// <summary>What one strace output line says happened.</summary>
public enum StraceEventKind
{
    /// <summary>A system call (yielded once, where it starts).</summary>
    Call,

    /// <summary>A signal delivered to the process (<c>--- SIGCHLD {...} ---</c>, <c>--- stopped by SIGSTOP ---</c>).</summary>
    Signal,

    /// <summary>The process exited (<c>+++ exited with 0 +++</c>).</summary>
    Exited,

    /// <summary>The process was killed by a signal (<c>+++ killed by SIGKILL +++</c>).</summary>
    Killed,
}

/// <summary>One event read from strace output.</summary>
/// <param name="Kind">Call, signal, exit or kill.</param>
/// <param name="Pid">From the line's pid column (-f), else from the -ff file suffix, else the reader's default (0).</param>
/// <param name="Time">Seconds as written: -t/-tt seconds since midnight, -ttt Unix time, -r seconds since the first line (its gaps summed); null without timestamps.</param>
/// <param name="Name">Syscall name (Call), signal name (Signal, Killed), exit code text (Exited).</param>
/// <param name="Number">
/// For Call the syscall's id in the reader's table (<see cref="SyscallNames.X86_64"/> by default); for names the table
/// does not know, the stable <see cref="SyscallNames.UnknownNameId"/> (&gt;= 100000). 0 for the other kinds.
/// </param>
/// <param name="Line">1-based line number in the source.</param>
public readonly record struct StraceEvent(StraceEventKind Kind, int Pid, double? Time, string Name, int Number, long Line);
