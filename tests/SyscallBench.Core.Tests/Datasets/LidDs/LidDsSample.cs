namespace SyscallBench.Core.Tests.Datasets.LidDs;

/// <summary>
/// The one real LID-DS 2021 recording the project may read (shared/datasets/lid-ds-2021-sample, never committed):
/// $SYSCALLBENCH_LID_DS_SAMPLE, else found by walking up from the test's base directory. Its facts, checked by the tests,
/// are the ones the shared README and issue 13 give.
/// </summary>
internal static class LidDsSample
{
    public const string EnvironmentVariable = "SYSCALLBENCH_LID_DS_SAMPLE";

    public const string Name = "aggressive_nightingale_1018";

    public const int Lines = 23_468;

    public const int CallEntries = 11_734;

    public const int DistinctSyscalls = 38;

    public const int Threads = 7;

    public const long FirstEventNanoseconds = 1_631_078_867_380_457_267;

    public const long LastEventNanoseconds = 1_631_078_884_708_586_723;

    public const long ExploitStartNanoseconds = 1_631_078_877_513_988_000;

    public const int CallEntriesFromExploitStart = 8_628;

    public static string? ZipPath { get; } = Find();

    public static string SkipReason =>
        $"the LID-DS sample {Name}.zip was not found (set {EnvironmentVariable} or keep shared/datasets/lid-ds-2021-sample/ in a folder "
        + "above the test's base directory); real-data test skipped.";

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "datasets", "lid-ds-2021-sample", Name + ".zip");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that runs only when the LID-DS sample is available, and says why it skipped otherwise.</summary>
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
