using SyscallBench.Core.Options;
using YamlDotNet.Serialization;

namespace SyscallBench.Core.Experiments.Export;

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
            ["detectors"] = config.Detectors.Select(d => new Dictionary<string, object?>
            {
                ["name"] = d.Name,
                ["type"] = d.Type,
                ["params"] = Resolve(d.Options),
            }).ToList(),
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
