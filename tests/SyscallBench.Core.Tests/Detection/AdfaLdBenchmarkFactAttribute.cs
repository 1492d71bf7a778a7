namespace SyscallBench.Core.Tests.Detection;

/// <summary>
/// A dataset-scale measurement: runs only when SYSCALLBENCH_BENCH=1 and ADFA-LD is found (via
/// SYSCALLBENCH_ADFA_LD, or shared/datasets/adfa-ld/ADFA-LD.zip in a parent of the test directory);
/// otherwise it is reported as skipped with the reason.
/// </summary>
public sealed class AdfaLdBenchmarkFactAttribute : FactAttribute
{
    public const string OptInVariable = "SYSCALLBENCH_BENCH";

    public AdfaLdBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(OptInVariable) != "1")
        {
            Skip = $"Opt-in benchmark: set {OptInVariable}=1 to run it.";
        }
        else if (LocateAdfaLd() is null)
        {
            Skip = "ADFA-LD not found: set SYSCALLBENCH_ADFA_LD or place shared/datasets/adfa-ld/ADFA-LD.zip in a parent directory.";
        }
    }

    public static string? LocateAdfaLd()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("SYSCALLBENCH_ADFA_LD");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "datasets", "adfa-ld", "ADFA-LD.zip");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
