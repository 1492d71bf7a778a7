namespace SyscallBench.Core.Recording;

/// <summary>Whether an event is a system call's entry or its return.</summary>
public enum SyscallDirection : byte
{
    Enter,
    Exit,
}

/// <summary>
/// One system call entry or exit as a capture engine sees it in the kernel, before it is written out.
/// </summary>
/// <param name="MonotonicNs">The kernel's CLOCK_MONOTONIC time in ns (bpf_ktime_get_ns); <see cref="WallClock"/> turns it into Unix time.</param>
/// <param name="CgroupId">The cgroup v2 id of the calling task (the inode number of its cgroup folder).</param>
/// <param name="UserId">The caller's real uid, as the host sees it.</param>
/// <param name="Pid">The process id (thread group id) in the host's pid namespace.</param>
/// <param name="Tid">The thread id in the host's pid namespace.</param>
/// <param name="ProcessName">The task's comm (at most 15 bytes; it changes at execve and with prctl).</param>
/// <param name="Syscall">The x86-64 system call number.</param>
/// <param name="Direction">Entry or return.</param>
/// <param name="ReturnValue">The return value (exits only; 0 for entries). -4095..-1 are negated errno values.</param>
public readonly record struct SyscallEvent(
    long MonotonicNs,
    ulong CgroupId,
    int UserId,
    int Pid,
    int Tid,
    string ProcessName,
    int Syscall,
    SyscallDirection Direction,
    long ReturnValue);
