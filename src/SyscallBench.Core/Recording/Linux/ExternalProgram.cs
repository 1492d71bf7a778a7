using System.Diagnostics;

namespace SyscallBench.Core.Recording.Linux;

/// <summary>Finding and running the programs recording uses (clang, bpftrace, docker, podman).</summary>
internal static class ExternalProgram
{
    /// <summary>The program's path on PATH, or null.</summary>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);

    /// <summary>Runs a program to its end (at most <paramref name="timeout"/>) and returns its exit code and its standard output followed by its standard error.</summary>
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SyscallBenchException($"could not start {program}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SyscallBenchException($"could not start {program}: {e.Message}", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{program} did not finish within {timeout.TotalSeconds:0} s");
            }

            return (process.ExitCode, output.Result + error.Result);
        }
    }
}
