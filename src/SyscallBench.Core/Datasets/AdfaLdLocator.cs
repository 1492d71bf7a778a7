namespace SyscallBench.Core.Datasets;

/// <summary>Where ADFA-LD was found and which rule found it (for provenance notes).</summary>
public sealed record AdfaLdLocation(string Path, string FoundVia);

/// <summary>
/// Finds ADFA-LD: the config's `path`, else $SYSCALLBENCH_ADFA_LD, else a few default places, so an
/// experiment file stays portable between machines that keep the dataset in different places.
/// </summary>
public static class AdfaLdLocator
{
    public const string EnvironmentVariable = "SYSCALLBENCH_ADFA_LD";

    /// <summary>The default places, relative to the current directory, in the order they are tried.</summary>
    public static IReadOnlyList<string> DefaultRelativePaths { get; } =
    [
        "datasets/ADFA-LD.zip",
        "datasets/ADFA-LD",
        "../shared/datasets/adfa-ld/ADFA-LD.zip",
    ];

    public static AdfaLdLocation Locate(string? configuredPath, DatasetContext context) =>
        Locate(configuredPath, context, Environment.GetEnvironmentVariable(EnvironmentVariable), Directory.GetCurrentDirectory());

    /// <summary>Testable form: the environment variable's value and the current directory are given.</summary>
    public static AdfaLdLocation Locate(string? configuredPath, DatasetContext context, string? environmentValue, string currentDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var resolved = context.Resolve(configuredPath);
            return Exists(resolved)
                ? new AdfaLdLocation(resolved, "dataset.path in the experiment config")
                : throw new DatasetException(
                    $"ADFA-LD not found: dataset.path '{configuredPath}' resolves to '{resolved}' (relative to {context.BaseDirectory}), "
                    + "which does not exist. " + HowToGetIt);
        }

        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            var resolved = Path.GetFullPath(environmentValue, currentDirectory);
            return Exists(resolved)
                ? new AdfaLdLocation(resolved, $"environment variable {EnvironmentVariable}")
                : throw new DatasetException(
                    $"ADFA-LD not found: {EnvironmentVariable}='{environmentValue}' points to '{resolved}', which does not exist. "
                    + HowToGetIt);
        }

        var tried = new List<string>();
        foreach (var relative in DefaultRelativePaths)
        {
            var candidate = Path.GetFullPath(relative, currentDirectory);
            if (Exists(candidate))
            {
                return new AdfaLdLocation(candidate, $"default location {relative}");
            }

            tried.Add(candidate);
        }

        throw new DatasetException(
            "ADFA-LD not found. Looked at: dataset.path in the experiment config (not set); "
            + $"environment variable {EnvironmentVariable} (not set); "
            + string.Join("; ", tried) + ". " + HowToGetIt);
    }

    private const string HowToGetIt =
        "Download ADFA-LD.zip from UNSW Canberra's ADFA IDS datasets page (see datasets/README.md), then either set "
        + "dataset.path in the experiment YAML, set " + EnvironmentVariable + ", or put it at datasets/ADFA-LD.zip.";

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
