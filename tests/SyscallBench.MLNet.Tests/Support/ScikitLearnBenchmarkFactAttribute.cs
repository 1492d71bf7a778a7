using System.Diagnostics;
using SyscallBench.TestSupport.Datasets;

namespace SyscallBench.MLNet.Tests;

/// <summary>
/// An ADFA-LD benchmark (<see cref="AdfaLdBenchmarkFactAttribute"/>) that also runs scikit-learn: needs
/// /usr/bin/python3 with sklearn (Debian: apt-get install python3-sklearn); skipped with the reason otherwise.
/// </summary>
public sealed class ScikitLearnBenchmarkFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    public ScikitLearnBenchmarkFactAttribute()
    {
        Skip = new AdfaLdBenchmarkFactAttribute().Skip ?? WhyNoScikitLearn();
    }

    private static string? WhyNoScikitLearn()
    {
        const string remedy = "apt-get install python3-sklearn to compare with scikit-learn.";
        if (!File.Exists(Python))
        {
            return $"{Python} not found; {remedy}";
        }

        var start = new ProcessStartInfo(Python, ["-c", "import sklearn"]) { RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{Python} cannot import sklearn; {remedy}";
    }
}
