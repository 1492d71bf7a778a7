namespace SyscallBench.Core.Streaming;

/// <summary>What happened to a process in a stream of system calls.</summary>
public enum ProcessEventKind
{
    /// <summary>The process made a system call.</summary>
    Call,

    /// <summary>The process ended (exited or was killed): its state can be dropped.</summary>
    Exit,
}

/// <summary>
/// One event of the stream that <c>score</c> reads: the input format (strace text, a file of syscall
/// numbers) is turned into these, so windowing, thresholds and alerts never depend on it.
/// </summary>
/// <param name="Kind">A call or the end of the process.</param>
/// <param name="Process">Which process: unique within the stream (strace: the pid; a plain file: its path).</param>
/// <param name="Time">Seconds (any fixed origin; strace -tt: since midnight; -r: since the first line) or null when the input has no times.</param>
/// <param name="Syscall">The syscall number of a <see cref="ProcessEventKind.Call"/>; 0 for an exit.</param>
public readonly record struct ProcessEvent(ProcessEventKind Kind, string Process, double? Time, int Syscall)
{
    public static ProcessEvent Call(string process, double? time, int syscall) => new(ProcessEventKind.Call, process, time, syscall);

    public static ProcessEvent Exit(string process, double? time) => new(ProcessEventKind.Exit, process, time, 0);
}
