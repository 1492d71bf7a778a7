using System.Globalization;

namespace SyscallBench.Core.Traces;

/// <summary>
/// Names the lives of a process id: a pid the kernel reuses after an exit (or a process `score` ended early
/// and then sees again) is another process, so it gets another name. The one naming rule of trace folders
/// (trace ids "file#pid1234.2") and of `score` (process "file:pid1234.2").
/// </summary>
public static class ProcessLives
{
    /// <summary>"pid1234" for the first life (1), "pid1234.2" for the second, ...</summary>
    public static string Name(string process, int life)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(life, 1);
        return life == 1 ? process : $"{process}.{life.ToString(CultureInfo.InvariantCulture)}";
    }
}
