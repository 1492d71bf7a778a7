namespace SyscallBench.Core.Config;

/// <summary>
/// `validate`'s check that every dataset path of an experiment exists: the reader checks the shape of the file,
/// not the disk, so `path: nowhere.zip` used to validate and the run failed later.
/// </summary>
public static class DatasetPathCheck
{
    /// <summary>One message per dataset path option (<see cref="PathOptionAttribute"/>) naming a file or folder that does not exist.</summary>
    public static IReadOnlyList<string> Problems(ExperimentConfig config) =>
        config.Datasets.SelectMany(dataset => OptionsSchema.Describe(dataset.Options.GetType())
                .Where(p => p.IsPath && p.Property.GetValue(dataset.Options) is string { Length: > 0 })
                .Select(p => (p.YamlName, Value: (string)p.Property.GetValue(dataset.Options)!))
                .Select(p => (p.YamlName, p.Value, Resolved: Path.GetFullPath(Path.Combine(config.BaseDirectory, p.Value))))
                .Where(p => !File.Exists(p.Resolved) && !Directory.Exists(p.Resolved))
                .Select(p => $"{config.SourceFile}: dataset '{dataset.Name}': {p.YamlName} '{p.Value}' does not exist ({p.Resolved})."))
            .ToArray();
}
