using System.Diagnostics;

namespace SyscallBench.Cli.Tests;

/// <summary>What a finished command printed and returned.</summary>
internal sealed record ShellResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams with the command and its exit code, for assertion messages.</summary>
    public string Describe() => $"$ {Command}\n(exit {ExitCode})\n{StandardOutput}{StandardError}";
}

/// <summary>Runs an external program (the Slurm commands, the project's shell scripts) and captures its output.</summary>
internal static class ShellCommand
{
    public static ShellResult Run(string program, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var command = string.Join(' ', start.ArgumentList.Prepend(program));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{command} did not finish within {timeout.TotalSeconds:F0} s; it printed:\n{stdout.Result}{stderr.Result}");
        }

        return new ShellResult(command, process.ExitCode, stdout.Result, stderr.Result);
    }
}
