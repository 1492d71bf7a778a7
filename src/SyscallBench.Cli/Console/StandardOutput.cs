using System.Runtime.InteropServices;

namespace SyscallBench.Cli.Console;

/// <summary>
/// Whether anyone still reads standard output. .NET ignores EPIPE on console writes, so `score ... | head -2`
/// read all its input and, on live input, never exited; commands that stream ask this between outputs.
/// </summary>
internal static class StandardOutput
{
    /// <summary>True when standard output is a pipe whose reading end was closed (Linux and macOS; false elsewhere).</summary>
    public static bool IsClosed() => IsClosed(1);

    /// <summary>poll(2) reports POLLERR on the writing end of a pipe that has no reader left.</summary>
    internal static bool IsClosed(int fileDescriptor)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return false;
        }

        const short pollErr = 0x8;
        var request = new PollFd { Fd = fileDescriptor, Events = 0 };
        return Native.poll(ref request, 1, 0) == 1 && (request.Revents & pollErr) != 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    private static class Native
    {
#pragma warning disable SYSLIB1054, IDE1006 // a plain C call, no marshalling beyond a blittable struct
        [DllImport("libc", SetLastError = true)]
        internal static extern int poll(ref PollFd fds, uint count, int timeoutMilliseconds);
#pragma warning restore SYSLIB1054, IDE1006
    }
}
