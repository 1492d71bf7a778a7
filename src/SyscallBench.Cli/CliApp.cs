namespace SyscallBench.Cli;

/// <summary>Entry point of the command line (placeholder until the commands land).</summary>
public static class CliApp
{
    public static int Run(string[] args) => 0;
}
