namespace SyscallBench.Core.Traces.Strace;

/// <summary>How <see cref="StraceFile"/> cuts a file into traces.</summary>
public enum StraceGrouping
{
    /// <summary>
    /// One trace per pid as strace writes it (with -f, threads have their own pid column, so each thread is a trace);
    /// a pid reused after its process ended starts a new trace.
    /// </summary>
    Process,

    /// <summary>One trace per file: every call of every process, in file order.</summary>
    File,
}
