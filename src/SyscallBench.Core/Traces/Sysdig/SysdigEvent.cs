namespace SyscallBench.Core.Traces.Sysdig;

/// <summary>Which half of a system call a sysdig event line records.</summary>
public enum SysdigDirection : byte
{
    /// <summary>'&gt;': the call was entered (its arguments are known).</summary>
    Enter,

    /// <summary>'&lt;': the call returned (its result is known, <c>res=...</c>).</summary>
    Exit,
}

/// <summary>The line layouts of sysdig text output this project reads.</summary>
public enum SysdigFormat
{
    /// <summary>
    /// LID-DS 2021 <c>.sc</c> files: <c>unix_time_ns user_id pid process_name thread_id syscall direction args...</c>.
    /// </summary>
    LidDs2021,

    /// <summary>
    /// LID-DS 2019 run files: <c>event_number HH:MM:SS.nanoseconds cpu user_id process_name thread_id direction syscall args...</c>
    /// (no pid column; times are times of day).
    /// </summary>
    LidDs2019,
}

/// <summary>One event line of sysdig output, as <see cref="SysdigReader"/> reads it (arguments are not kept).</summary>
/// <param name="Time">Nanoseconds: since the Unix epoch (<see cref="SysdigFormat.LidDs2021"/>), or since the midnight
/// before the file's first line (<see cref="SysdigFormat.LidDs2019"/>: a time of day earlier than the line before it by
/// more than 12 hours is taken to be on the next day).</param>
/// <param name="ProcessId">The pid; -1 when the format has none (LID-DS 2019).</param>
/// <param name="ThreadId">The thread id (sysdig's tid: the pid of a single-threaded process).</param>
/// <param name="ProcessName">The process name (shared string: one per distinct name).</param>
/// <param name="Syscall">The call's number in the reader's table, or its stable <see cref="SyscallNames.UnknownNameId"/>.</param>
/// <param name="Direction">Entry or exit.</param>
/// <param name="Line">1-based line number in the source.</param>
public readonly record struct SysdigEvent(long Time, int ProcessId, int ThreadId, string ProcessName, int Syscall, SysdigDirection Direction, long Line);
