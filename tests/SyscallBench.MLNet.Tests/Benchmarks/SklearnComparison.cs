using System.Diagnostics;
using SyscallBench.Core;

namespace SyscallBench.MLNet.Tests.Benchmarks;

/// <summary>
/// Runs tests/tools/ocsvm_sklearn_timing.py on a folder written by <see cref="OcsvmFeatureExport.Write"/>,
/// so the `bench` command can report scikit-learn's times beside ours in the same run. Needs a Python with
/// scikit-learn (Debian: /usr/bin/python3 after apt-get install python3-sklearn).
/// </summary>
public static class SklearnComparison
{
    public const string ScriptRelativePath = "tests/tools/ocsvm_sklearn_timing.py";

    /// <param name="exportFolder">A folder written by <see cref="OcsvmFeatureExport.Write"/>.</param>
    /// <param name="repositoryRoot">Where the script lives (under <see cref="ScriptRelativePath"/>).</param>
    /// <param name="python">A Python with scikit-learn.</param>
    /// <param name="timeout">How long the script may take (default 10 minutes).</param>
    /// <param name="jsonResult">When given, the script also writes its timings and agreement checks there.</param>
    /// <returns>The script's report (stdout).</returns>
    /// <exception cref="SyscallBenchException">Python or the script is missing, or the script failed.</exception>
    public static string Run(string exportFolder, string repositoryRoot, string python = "/usr/bin/python3", TimeSpan? timeout = null,
        string? jsonResult = null)
    {
        var script = Path.Combine(repositoryRoot, ScriptRelativePath);
        if (!File.Exists(script))
        {
            throw new SyscallBenchException($"{script}: scikit-learn timing script not found.");
        }

        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(exportFolder);
        if (jsonResult is not null)
        {
            start.ArgumentList.Add("--json");
            start.ArgumentList.Add(jsonResult);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SyscallBenchException($"{python}: could not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SyscallBenchException($"{python}: cannot run Python for the scikit-learn comparison ({e.Message}).", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                throw new SyscallBenchException($"{script}: timed out.");
            }

            if (process.ExitCode != 0)
            {
                throw new SyscallBenchException($"{script} exited with {process.ExitCode}: {stderr.Result.Trim()}");
            }

            return stdout.Result;
        }
    }
}
