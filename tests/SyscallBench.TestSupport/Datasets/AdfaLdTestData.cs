using System.Globalization;
using System.IO.Compression;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;

namespace SyscallBench.TestSupport.Datasets;

/// <summary>
/// Finds the real ADFA-LD.zip for the real-data tests: $SYSCALLBENCH_ADFA_LD, else walking up from the
/// test's base directory looking for shared/datasets/adfa-ld/ADFA-LD.zip (CI keeps it at ../shared).
/// </summary>
public static class AdfaLdTestData
{
    public static string? ZipPath { get; } = Find();

    public static string SkipReason =>
        $"ADFA-LD.zip not found (set {AdfaLdLocator.EnvironmentVariable} or place it at shared/datasets/adfa-ld/ADFA-LD.zip "
        + "in a folder above the test's base directory); real-data test skipped.";

    /// <summary>
    /// The zip extracted once into the temp folder and reused by later runs (extracting ~6,000 small files
    /// takes seconds). Keyed by the zip's size and time stamp; extracted under a unique name and then
    /// renamed, so an interrupted or concurrent run never leaves a half-filled folder in use.
    /// </summary>
    public static string ExtractedFolder()
    {
        var zip = new FileInfo(ZipPath!);
        var key = string.Create(CultureInfo.InvariantCulture, $"{zip.Length}-{zip.LastWriteTimeUtc.Ticks}");
        var folder = Path.Combine(Path.GetTempPath(), "syscallbench-adfa-ld-" + key);
        if (!Directory.Exists(folder))
        {
            var staging = folder + "." + Guid.NewGuid().ToString("N");
            ZipFile.ExtractToDirectory(zip.FullName, staging);
            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (Directory.Exists(folder))
            {
                Directory.Delete(staging, recursive: true); // another run finished first
            }
        }

        return folder;
    }

    /// <summary>The official split, read by Core's adfa-ld loader.</summary>
    public static LabeledDataset Load() =>
        AdfaLdDataset.Load(new AdfaLdOptions { Path = ZipPath ?? throw new InvalidOperationException(SkipReason) },
            new DatasetContext(Directory.GetCurrentDirectory())).Dataset;

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(AdfaLdLocator.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "datasets", "adfa-ld", "ADFA-LD.zip");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that runs only when the real ADFA-LD.zip is available, and says why it skipped otherwise.</summary>
public sealed class AdfaLdFactAttribute : FactAttribute
{
    public AdfaLdFactAttribute()
    {
        if (AdfaLdTestData.ZipPath is null)
        {
            Skip = AdfaLdTestData.SkipReason;
        }
    }
}

/// <summary>
/// A fact that runs only when ADFA-LD is present AND benchmarks are requested (SYSCALLBENCH_BENCH=1),
/// since it takes tens of seconds; otherwise it is skipped with the reason.
/// </summary>
public sealed class AdfaLdBenchmarkFactAttribute : FactAttribute
{
    public AdfaLdBenchmarkFactAttribute()
    {
        if (AdfaLdTestData.ZipPath is null)
        {
            Skip = AdfaLdTestData.SkipReason;
        }
        else if (Environment.GetEnvironmentVariable("SYSCALLBENCH_BENCH") != "1")
        {
            Skip = "Dataset-scale benchmark: set SYSCALLBENCH_BENCH=1 to run it.";
        }
    }
}
