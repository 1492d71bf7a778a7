namespace SyscallBench.Cli.Console;

/// <summary>
/// Standard input as bytes: `score -` reads .sc lines with a byte-level reader (<see cref="Core.Traces.Sysdig.SysdigReader"/>),
/// so it takes the raw stream rather than Console.In's decoded text.
/// </summary>
internal static class StandardInput
{
    /// <summary>Opens standard input; the in-process test harness points it at its own input (its callers hold its lock).</summary>
    internal static Func<Stream> Open { get; set; } = System.Console.OpenStandardInput;
}
