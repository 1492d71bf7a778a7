using System.IO.Compression;

namespace SyscallBench.Core.Tests.Recording;

/// <summary>
/// The real LID-DS 2021 recording in ../shared (aggressive_nightingale_1018.zip), found by walking up from the test's
/// base directory, for comparing what the recorder writes with what the dataset ships.
/// </summary>
internal static class LidDsSample
{
    public static string? ZipPath { get; } = Find();

    public const string SkipReason = "The LID-DS 2021 sample (shared/datasets/lid-ds-2021-sample/aggressive_nightingale_1018.zip in a folder above the test's base directory) is not there; layout comparison skipped.";

    public static string Entry(string extension)
    {
        using var zip = ZipFile.OpenRead(ZipPath!);
        var entry = zip.Entries.Single(e => e.Name.EndsWith(extension, StringComparison.Ordinal));
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static string? Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "datasets", "lid-ds-2021-sample", "aggressive_nightingale_1018.zip");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that runs only where the LID-DS sample is, and says why it skipped otherwise.</summary>
public sealed class LidDsSampleFactAttribute : FactAttribute
{
    public LidDsSampleFactAttribute()
    {
        if (LidDsSample.ZipPath is null)
        {
            Skip = LidDsSample.SkipReason;
        }
    }
}
