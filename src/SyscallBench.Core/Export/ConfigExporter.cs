using SyscallBench.Core.Config;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using YamlDotNet.Serialization;

namespace SyscallBench.Core.Export;

/// <summary>
/// config.yaml: the resolved experiment, with every default written out, so the run can be repeated
/// exactly even if a later version changes a default.
/// </summary>
public sealed class ConfigExporter : IResultExporter
{
    public string Name => "config.yaml";

    public void Export(RunResult result, string directory) =>
        AtomicFile.WriteText(Path.Combine(directory, "config.yaml"), ToYaml(result.Config));

    public static string ToYaml(ExperimentConfig config)
    {
        var document = new Dictionary<string, object?>
        {
            ["name"] = config.Name,
            ["dataset"] = new Dictionary<string, object?>
            {
                ["name"] = config.Dataset.Name,
                ["type"] = config.Dataset.Type,
                ["params"] = Resolve(config.Dataset.Options),
            },
            ["detectors"] = DetectorEntries(config.Detectors),
            ["evaluation"] = Resolve(config.Evaluation),
            ["seeds"] = config.Seeds.ToList(),
            ["output"] = config.OutputDirectory,
            ["save_models"] = config.SaveModels,
            ["split"] = Resolve(config.Split),
            ["learning_curve"] = Resolve(config.LearningCurve),
            ["parallel"] = config.Parallel,
        };
        if (config.Description is not null)
        {
            document["description"] = config.Description;
        }

        var header = $"# Resolved from {config.SourceFile}: every parameter, defaults included.\n";
        return header + new SerializerBuilder().Build().Serialize(document);
    }

    /// <summary>
    /// One entry per detector, except that the variants of a sweep are written back as their grid entry:
    /// the family's name, every other parameter resolved under params, and each swept parameter's values
    /// under grid. Reading the file expands it into the same variants, with the same names.
    /// </summary>
    private static List<Dictionary<string, object?>> DetectorEntries(IReadOnlyList<DetectorSpec> detectors)
    {
        var entries = new List<Dictionary<string, object?>>();
        for (var i = 0; i < detectors.Count; i++)
        {
            var spec = detectors[i];
            if (spec.Sweep is not { } sweep)
            {
                entries.Add(new Dictionary<string, object?> { ["name"] = spec.Name, ["type"] = spec.Type, ["params"] = Resolve(spec.Options) });
                continue;
            }

            var family = detectors.Skip(i).TakeWhile(d => d.Sweep?.Family == sweep.Family).ToArray();
            var swept = sweep.Values.Select(v => v.Key).ToArray();
            var parameters = Resolve(spec.Options);
            foreach (var key in swept)
            {
                parameters.Remove(key);
            }

            entries.Add(new Dictionary<string, object?>
            {
                ["name"] = sweep.Family,
                ["type"] = spec.Type,
                ["params"] = parameters,
                ["grid"] = swept.ToDictionary(key => key,
                    key => family.Select(d => d.Sweep!.Values.First(v => v.Key == key).Value).Distinct().ToList()),
            });
            i += family.Length - 1;
        }

        return entries;
    }

    /// <summary>Every parameter of an options object with its value, in YAML names and spellings.</summary>
    /// <remarks>Unset optional values (null) are left out, so reading the file back gives null again.</remarks>
    private static Dictionary<string, object?> Resolve(IOptions options) =>
        OptionsSchema.Describe(options.GetType())
            .Select(p => (p.YamlName, Value: p.Property.GetValue(options)))
            .Where(p => p.Value is not null)
            .ToDictionary(
                p => p.YamlName,
                p => p.Value switch
                {
                    Array array => array.Cast<object>().Select(OptionsSchema.FormatValue).ToList(),
                    var value => (object?)OptionsSchema.FormatValue(value),
                });
}
