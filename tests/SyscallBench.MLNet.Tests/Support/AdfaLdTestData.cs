using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;

namespace SyscallBench.MLNet.Tests;

/// <summary>
/// Locates ADFA-LD for this project's opt-in dataset-scale tests and loads it with Core's loader.
/// </summary>
public static class AdfaLdTestData
{
    private const string RelativeZip = "shared/datasets/adfa-ld/ADFA-LD.zip";

    /// <summary>SYSCALLBENCH_ADFA_LD, else the first shared/datasets/adfa-ld/ADFA-LD.zip walking up from the test binaries.</summary>
    public static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SYSCALLBENCH_ADFA_LD");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativeZip);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The official split, read by Core's adfa-ld loader.</summary>
    public static LabeledDataset Load(string zipPath) =>
        AdfaLdDataset.Load(new AdfaLdOptions { Path = zipPath }, new DatasetContext(Directory.GetCurrentDirectory())).Dataset;
}

/// <summary>
/// A fact that runs only when ADFA-LD is present AND benchmarks are requested (SYSCALLBENCH_BENCH=1),
/// since it takes tens of seconds; otherwise it is skipped with the reason.
/// </summary>
public sealed class AdfaLdBenchmarkFactAttribute : FactAttribute
{
    public AdfaLdBenchmarkFactAttribute()
    {
        if (AdfaLdTestData.Locate() is null)
        {
            Skip = "ADFA-LD not found: set SYSCALLBENCH_ADFA_LD or place it at ../shared/datasets/adfa-ld/ADFA-LD.zip.";
        }
        else if (Environment.GetEnvironmentVariable("SYSCALLBENCH_BENCH") != "1")
        {
            Skip = "Dataset-scale benchmark: set SYSCALLBENCH_BENCH=1 to run it.";
        }
    }
}
