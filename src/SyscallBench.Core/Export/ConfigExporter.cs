using SyscallBench.Core.Config;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using YamlDotNet.Serialization;

namespace SyscallBench.Core.Export;

/// <summary>
/// config.yaml: the resolved experiment, with every default written out, so the run can be repeated
/// exactly even if a later version changes a default. Paths (<see cref="PathOptionAttribute"/>) are written
/// absolute: the file reads the same data wherever it is read from (`report`, `merge`, `score`).
/// </summary>
public sealed class ConfigExporter : IResultExporter
{
    public string Name => RunFolder.ConfigFileName;

    public void Export(RunResult result, string directory) =>
        AtomicFile.WriteText(new RunFolder(directory).Config, ToYaml(result.Config));

    /// <summary>The config as YAML: every top-level key in <see cref="ExperimentKeys.All"/> order, path options resolved.</summary>
    public static string ToYaml(ExperimentConfig config)
    {
        var values = new Dictionary<string, object?>
        {
            [ExperimentKeys.Name] = config.Name,
            [ExperimentKeys.Description] = config.Description,
            [ExperimentKeys.Dataset] = new Dictionary<string, object?>
            {
                ["name"] = config.Dataset.Name,
                ["type"] = config.Dataset.Type,
                ["params"] = Resolve(config.Dataset.Options, config.BaseDirectory),
            },
            [ExperimentKeys.Detectors] = DetectorEntries(config.Detectors),
            [ExperimentKeys.Evaluation] = Resolve(config.Evaluation),
            [ExperimentKeys.Seeds] = config.Seeds.ToList(),
            [ExperimentKeys.Output] = config.OutputDirectory,
            [ExperimentKeys.SaveModels] = config.SaveModels,
            [ExperimentKeys.Split] = Resolve(config.Split),
            [ExperimentKeys.LearningCurve] = Resolve(config.LearningCurve),
            [ExperimentKeys.Parallel] = config.Parallel,
        };

        // A run has one dataset (never "datasets"); an absent description is left out rather than written as null.
        var document = ExperimentKeys.All
            .Where(key => values.TryGetValue(key, out var value) && value is not null)
            .ToDictionary(key => key, key => values[key]);
        var header = $"# Resolved from {config.SourceFile}: every parameter, defaults included, paths absolute.\n";
        return header + new SerializerBuilder().Build().Serialize(document);
    }

    /// <summary>
    /// One entry per detector, except that the variants of a sweep are written back as their grid entry:
    /// the family's name, every other parameter resolved under params, and each swept parameter's values
    /// under grid; a selection (<see cref="DetectorSpec.Variants"/>) likewise, with its select block.
    /// Reading the file expands it into the same variants, with the same names.
    /// </summary>
    private static List<Dictionary<string, object?>> DetectorEntries(IReadOnlyList<DetectorSpec> detectors)
    {
        var entries = new List<Dictionary<string, object?>>();
        for (var i = 0; i < detectors.Count; i++)
        {
            var spec = detectors[i];
            if (spec.Variants is { } variants)
            {
                var entry = GridEntry(spec.Name, variants);
                entry["select"] = Resolve(spec.Options);
                entries.Add(entry);
                continue;
            }

            if (spec.Sweep is not { } sweep)
            {
                entries.Add(new Dictionary<string, object?> { ["name"] = spec.Name, ["type"] = spec.Type, ["params"] = Resolve(spec.Options) });
                continue;
            }

            var family = detectors.Skip(i).TakeWhile(d => d.Sweep?.Family == sweep.Family).ToArray();
            entries.Add(GridEntry(sweep.Family, family));
            i += family.Length - 1;
        }

        return entries;
    }

    /// <summary>The entry a grid's variants were expanded from: common parameters under params, swept values under grid.</summary>
    private static Dictionary<string, object?> GridEntry(string family, IReadOnlyList<DetectorSpec> variants)
    {
        var swept = variants[0].Sweep!.Values.Select(v => v.Key).ToArray();
        var parameters = Resolve(variants[0].Options);
        foreach (var key in swept)
        {
            parameters.Remove(key);
        }

        return new Dictionary<string, object?>
        {
            ["name"] = family,
            ["type"] = variants[0].Type,
            ["params"] = parameters,
            ["grid"] = swept.ToDictionary(key => key,
                key => variants.Select(d => d.Sweep!.Values.First(v => v.Key == key).Value).Distinct().ToList()),
        };
    }

    /// <summary>Every parameter of an options object with its value, in YAML names and spellings.</summary>
    /// <param name="options">The options.</param>
    /// <param name="baseDirectory">What relative <see cref="PathOptionAttribute"/> paths are resolved against; null: options without paths.</param>
    /// <remarks>Unset optional values (null) are left out, so reading the file back gives null again.</remarks>
    private static Dictionary<string, object?> Resolve(IOptions options, string? baseDirectory = null) =>
        OptionsSchema.Describe(options.GetType())
            .Select(p => (p.YamlName, Value: p.Property.GetValue(options) is string path && p.IsPath
                ? Path.GetFullPath(path, baseDirectory ?? throw new InvalidOperationException($"{p.YamlName}: a path option without a base directory."))
                : p.Property.GetValue(options)))
            .Where(p => p.Value is not null)
            .ToDictionary(
                p => p.YamlName,
                p => p.Value switch
                {
                    Array array => array.Cast<object>().Select(OptionsSchema.FormatValue).ToList(),
                    var value => (object?)OptionsSchema.FormatValue(value),
                });
}
