using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SyscallBench.Core.Running;

/// <summary>The provenance of a run that is not in the config: code version, runtime, machine.</summary>
public sealed record RunEnvironment(
    string ToolVersion,
    string? GitCommit,
    bool? GitDirty,
    string Runtime,
    string OperatingSystem,
    string Cpu,
    int ProcessorCount,
    string CommandLine,
    IReadOnlyDictionary<string, string> Packages)
{
    /// <summary>
    /// This build's version: the informational version, which the SDK ends with the git commit it was built
    /// from ("0.1.0+7c79d33e..."). Keys every cache of computed results, so a new build never reuses old ones.
    /// </summary>
    public static string CurrentToolVersion => VersionOf(typeof(RunEnvironment).Assembly);

    /// <summary>Reads the current process's environment; git is asked in the current directory if present.</summary>
    public static RunEnvironment Capture()
    {
        var (commit, dirty) = ReadGit();
        return new RunEnvironment(
            CurrentToolVersion,
            commit,
            dirty,
            RuntimeInformation.FrameworkDescription,
            $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            ReadCpuModel(),
            Environment.ProcessorCount,
            Environment.CommandLine,
            LoadedPackages());
    }

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Versions of the third-party libraries that can influence numbers or files.</summary>
    private static IReadOnlyDictionary<string, string> LoadedPackages()
    {
        string[] interesting = ["YamlDotNet", "Microsoft.Data.Analysis", "Microsoft.ML", "Microsoft.ML.Data",
            "TorchSharp", "Plotly.NET", "Spectre.Console"];
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => interesting.Contains(a.GetName().Name))
            .GroupBy(a => a.GetName().Name!)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => VersionOf(g.First()));
    }

    private static string ReadCpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':') + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static (string? Commit, bool? Dirty) ReadGit()
    {
        var commit = RunGit("rev-parse HEAD");
        if (commit is null)
        {
            return (null, null);
        }

        var status = RunGit("status --porcelain --untracked-files=no");
        return (commit, status is null ? null : status.Length > 0);
    }

    /// <summary>Runs git; null when git or a repository is absent (a manifest then says "unknown").</summary>
    private static string? RunGit(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed: the manifest records the commit as unknown.
        }
    }
}
