using System.Globalization;
using SyscallBench.Core.Recording;

namespace SyscallBench.Core.Tests.Recording;

/// <summary>Events printed the way the generated bpftrace script prints them (BpftraceScript's printf formats).</summary>
internal static class BpftraceLines
{
    public static string Of(SyscallEvent e) => e.Direction == SyscallDirection.Enter
        ? string.Create(CultureInfo.InvariantCulture, $"E {e.MonotonicNs} {e.CgroupId} {(uint)e.UserId} {e.Pid} {e.Tid} {e.Syscall} {e.ProcessName}\n")
        : string.Create(CultureInfo.InvariantCulture, $"X {e.MonotonicNs} {e.CgroupId} {(uint)e.UserId} {e.Pid} {e.Tid} {e.Syscall} {e.ReturnValue} {e.ProcessName}\n");

    public static string Lost(long count) => string.Create(CultureInfo.InvariantCulture, $"Lost {count} events\n");
}
