using System.Globalization;

namespace SyscallBench.Core.Results.Runs;

/// <summary>One thing that differs between two runs' provenance: what it is, and its value in each.</summary>
public sealed record ProvenanceDifference(string What, string A, string B)
{
    /// <summary>
    /// The differences between the runs' experiment name, config (its resolved YAML, line by line), dataset (content
    /// hash, location), seeds, code (commit, uncommitted changes, version), runtime, packages and machine.
    /// </summary>
    public static IReadOnlyList<ProvenanceDifference> Between(RunResult a, RunResult b)
    {
        var differences = new List<ProvenanceDifference>();
        void Add(string what, string? valueA, string? valueB)
        {
            if (!string.Equals(valueA, valueB, StringComparison.Ordinal))
            {
                differences.Add(new ProvenanceDifference(what, valueA ?? "(none)", valueB ?? "(none)"));
            }
        }

        Add("experiment", a.Config.Name, b.Config.Name);
        Add("dataset content SHA-256", a.Dataset.Provenance.ContentHash, b.Dataset.Provenance.ContentHash);
        Add("dataset location", a.Dataset.Provenance.Location, b.Dataset.Provenance.Location);
        Add("seeds", string.Join(", ", a.Config.Seeds), string.Join(", ", b.Config.Seeds));
        Add("git commit", a.Environment.GitCommit, b.Environment.GitCommit);
        Add("uncommitted changes", Dirty(a.Environment.GitDirty), Dirty(b.Environment.GitDirty));
        Add("tool version", a.Environment.ToolVersion, b.Environment.ToolVersion);
        Add("runtime", a.Environment.Runtime, b.Environment.Runtime);
        Add("operating system", a.Environment.OperatingSystem, b.Environment.OperatingSystem);
        Add("CPU", a.Environment.Cpu, b.Environment.Cpu);
        Add("logical cores", a.Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), b.Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        foreach (var package in a.Environment.Packages.Keys.Union(b.Environment.Packages.Keys).Order(StringComparer.Ordinal))
        {
            Add("package " + package, a.Environment.Packages.GetValueOrDefault(package), b.Environment.Packages.GetValueOrDefault(package));
        }

        var (onlyA, onlyB) = ConfigLines(a, b);
        if (onlyA.Count > 0 || onlyB.Count > 0)
        {
            differences.Add(new ProvenanceDifference("config", string.Join('\n', onlyA), string.Join('\n', onlyB)));
        }

        return differences;
    }

    private static string? Dirty(bool? dirty) => dirty switch { true => "yes", false => "no", null => null };

    /// <summary>The lines of each run's resolved config that the other's lacks (as a multiset), in file order.</summary>
    private static (IReadOnlyList<string> OnlyA, IReadOnlyList<string> OnlyB) ConfigLines(RunResult a, RunResult b)
    {
        var linesA = ConfigText(a);
        var linesB = ConfigText(b);
        return (Without(linesA, linesB), Without(linesB, linesA));
    }

    /// <summary>The settings lines of a run's config.yaml: comments (its "Resolved from PATH" header) are no setting.</summary>
    private static string[] ConfigText(RunResult run) =>
        File.Exists(run.Config.SourceFile)
            ? File.ReadAllLines(run.Config.SourceFile).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToArray()
            : [];

    private static List<string> Without(IEnumerable<string> lines, IEnumerable<string> other)
    {
        var remaining = other.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (remaining.TryGetValue(line, out var count) && count > 0)
            {
                remaining[line] = count - 1;
            }
            else
            {
                result.Add(line);
            }
        }

        return result;
    }
}
