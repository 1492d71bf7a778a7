using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using SyscallBench.Core.Traces;

namespace SyscallBench.MLNet.Tests;

/// <summary>
/// Throwaway ADFA-LD zip reader for this project's dataset-scale tests, until the Core loader is merged.
/// Official split: train = Training_Data_Master (833), test = Validation_Data_Master (4,372 normal) +
/// Attack_Data_Master (746 attacks; family = folder name without its _N suffix).
/// </summary>
public static partial class AdfaLdTestData
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

    public static LabeledDataset Load(string zipPath)
    {
        var train = new List<Trace>();
        var test = new List<Trace>();
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            if (!entry.FullName.EndsWith(".txt", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = entry.FullName.Split('/');
            if (parts.Length < 3)
            {
                continue;
            }

            switch (parts[1])
            {
                case "Training_Data_Master":
                    train.Add(Trace.Normal(entry.FullName, ReadCalls(entry), zipPath));
                    break;
                case "Validation_Data_Master":
                    test.Add(Trace.Normal(entry.FullName, ReadCalls(entry), zipPath));
                    break;
                case "Attack_Data_Master":
                    test.Add(Trace.Attack(entry.FullName, ReadCalls(entry), FamilySuffix().Replace(parts[2], ""), zipPath));
                    break;
            }
        }

        return new LabeledDataset("adfa-ld", train, test,
            new DatasetProvenance("adfa-ld", zipPath, DatasetHash.Compute(train, test), []));
    }

    private static int[] ReadCalls(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(token => int.Parse(token, NumberStyles.Integer, CultureInfo.InvariantCulture))
            .ToArray();
    }

    [GeneratedRegex("_[0-9]+$")]
    private static partial Regex FamilySuffix();
}

/// <summary>
/// A fact that runs only when ADFA-LD is present AND benchmarks are requested (SYSCALLBENCH_RUN_BENCHMARKS=1),
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
        else if (Environment.GetEnvironmentVariable("SYSCALLBENCH_RUN_BENCHMARKS") != "1")
        {
            Skip = "Dataset-scale benchmark: set SYSCALLBENCH_RUN_BENCHMARKS=1 to run it.";
        }
    }
}
