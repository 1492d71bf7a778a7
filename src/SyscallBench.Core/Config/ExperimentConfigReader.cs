using System.Text.RegularExpressions;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.Selection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Splits;

namespace SyscallBench.Core.Config;

/// <summary>
/// Reads an experiment YAML into a validated <see cref="ExperimentConfig"/>. Collects every error of the
/// file (with file:line:column and field path) and throws them together in one <see cref="ConfigException"/>.
/// </summary>
/// <remarks>
/// Schema (see README "Experiment files"):
/// name (required), description, dataset {type, params} or datasets [{name, type, params}],
/// detectors [{name, type, params, grid, select}] (grid: see <see cref="DetectorGrid"/>; select: <see cref="SelectOptions"/>),
/// evaluation {false_alarm_rates, detection_rate, bootstrap_resamples, confidence_level, bootstrap_seed},
/// seeds (integer or list, default [42]), output (default "results"), save_models (default true),
/// split {protocol, k, seed, test_fraction, leakage}, learning_curve {train_sizes, seed}, parallel (default 1),
/// over_time {window_calls, window_seconds, context_calls, recording_score, false_alarm_budgets, curve_max_false_alarms_per_hour}.
/// Dataset paths resolve against the config file's folder; output resolves against the current directory.
/// </remarks>
public sealed partial class ExperimentConfigReader(DetectorRegistry detectors, DatasetRegistry datasets)
{
    /// <param name="path">The experiment YAML.</param>
    /// <param name="requireDetectors">False for commands that only look at the data (explore).</param>
    public ExperimentConfig ReadFile(string path, bool requireDetectors = true)
    {
        if (!File.Exists(path))
        {
            throw new SyscallBenchException($"{path}: experiment file not found (current directory: {Directory.GetCurrentDirectory()}).");
        }

        if (new FileInfo(path).Length > ConfigYaml.MaxFileBytes)
        {
            throw new SyscallBenchException($"{path}: {new FileInfo(path).Length:N0} bytes is larger than an experiment file may be ({ConfigYaml.MaxFileBytes:N0} bytes).");
        }

        return Read(File.ReadAllText(path), path, requireDetectors);
    }

    public ExperimentConfig Read(string yaml, string fileName, bool requireDetectors = true)
    {
        var root = ConfigYaml.Parse(yaml, fileName);
        var errors = new List<ConfigError>();
        if (root is not ConfigMapping mapping)
        {
            throw new ConfigException([new ConfigError(root.Location, "(document)",
                "an experiment is a mapping with keys: " + string.Join(", ", ExperimentKeys.All))]);
        }

        foreach (var entry in mapping.Entries.Where(e => !ExperimentKeys.All.Contains(e.Key.Text)))
        {
            errors.Add(new ConfigError(entry.Key.Location, entry.Key.Text,
                $"unknown key '{entry.Key.Text}'; valid keys: {string.Join(", ", ExperimentKeys.All)}"));
        }

        var name = RequiredScalar(mapping, ExperimentKeys.Name, ExperimentKeys.Name, errors);
        if (name is not null && !SafeName().IsMatch(name.Text))
        {
            errors.Add(new ConfigError(name.Location, ExperimentKeys.Name, SafeNameProblem(name.Text, "the results folder")));
        }

        var description = OptionalScalar(mapping, ExperimentKeys.Description, ExperimentKeys.Description, errors)?.Text;
        var datasetSpecs = ReadDatasets(mapping, errors);
        var detectorSpecs = requireDetectors || mapping[ExperimentKeys.Detectors] is not null ? ReadDetectors(mapping, errors) : [];
        var evaluation = OptionsBinder.Bind<EvaluationOptions>(
            AsMapping(mapping[ExperimentKeys.Evaluation], ExperimentKeys.Evaluation, errors), ExperimentKeys.Evaluation, errors);
        var seeds = ReadSeeds(mapping, errors);
        var output = OptionalScalar(mapping, ExperimentKeys.Output, ExperimentKeys.Output, errors)?.Text ?? "results";
        var saveModels = ReadBool(mapping, ExperimentKeys.SaveModels, defaultValue: true, errors);
        var split = OptionsBinder.Bind<SplitOptions>(AsMapping(mapping[ExperimentKeys.Split], ExperimentKeys.Split, errors), ExperimentKeys.Split, errors);
        var learningCurve = OptionsBinder.Bind<LearningCurveOptions>(
            AsMapping(mapping[ExperimentKeys.LearningCurve], ExperimentKeys.LearningCurve, errors), ExperimentKeys.LearningCurve, errors);
        var parallel = ReadParallel(mapping, errors);
        var overTime = OptionsBinder.Bind<OverTimeOptions>(AsMapping(mapping[ExperimentKeys.OverTime], ExperimentKeys.OverTime, errors), ExperimentKeys.OverTime, errors);

        if (errors.Count > 0)
        {
            throw new ConfigException(errors);
        }

        return new ExperimentConfig(name!.Text, description, Path.GetFullPath(fileName), datasetSpecs, detectorSpecs,
            evaluation, seeds, output, saveModels)
        {
            Split = split,
            LearningCurve = learningCurve,
            Parallel = parallel,
            OverTime = overTime,
        };
    }

    /// <summary>`parallel: N`, N at least 1 (default 1).</summary>
    private static int ReadParallel(ConfigMapping root, List<ConfigError> errors)
    {
        var scalar = OptionalScalar(root, ExperimentKeys.Parallel, ExperimentKeys.Parallel, errors);
        if (scalar is null)
        {
            return 1;
        }

        if (int.TryParse(scalar.Text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        errors.Add(new ConfigError(scalar.Location, ExperimentKeys.Parallel, $"'{scalar.Text}' must be a whole number of at least 1 (units run at once)"));
        return 1;
    }

    /// <summary>Either `dataset: {type, params}` or `datasets: [{name, type, params}, ...]`, not both.</summary>
    private IReadOnlyList<DatasetSpec> ReadDatasets(ConfigMapping root, List<ConfigError> errors)
    {
        var single = root[ExperimentKeys.Dataset];
        var several = root[ExperimentKeys.Datasets];
        var example = $"give dataset: {{type: {string.Join(" | ", datasets.Types)}}}";
        if (single is not null && several is not null)
        {
            errors.Add(new ConfigError(several.Location, ExperimentKeys.Datasets, "give either dataset or datasets, not both"));
            return [];
        }

        if (single is not null)
        {
            var spec = ReadDataset(single, ExperimentKeys.Dataset, requireName: false, errors);
            return spec is null ? [] : [spec];
        }

        if (several is not ConfigSequence sequence || sequence.Items.Count == 0)
        {
            errors.Add(new ConfigError(several?.Location ?? root.Location, several is null ? ExperimentKeys.Dataset : ExperimentKeys.Datasets,
                several is null ? $"missing; {example}" : "give a non-empty list of datasets, each {name, type, params}"));
            return [];
        }

        var specs = new List<DatasetSpec>();
        var names = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var spec = ReadDataset(sequence.Items[i], $"datasets[{i}]", requireName: true, errors);
            if (spec is null)
            {
                continue;
            }

            var location = sequence.Items[i].Location;
            if (!names.TryAdd(spec.Name, location))
            {
                errors.Add(new ConfigError(location, $"datasets[{i}].name", $"dataset name '{spec.Name}' is used twice (first at line {names[spec.Name].Line}); names must be unique"));
                continue;
            }

            specs.Add(spec);
        }

        return specs;
    }

    private DatasetSpec? ReadDataset(ConfigNode node, string path, bool requireName, List<ConfigError> errors)
    {
        var mapping = AsMapping(node, path, errors);
        if (mapping is null)
        {
            return null;
        }

        CheckKeys(mapping, path, ["name", "type", "params"], errors);
        var type = RequiredScalar(mapping, "type", $"{path}.type", errors);
        var name = requireName ? RequiredScalar(mapping, "name", $"{path}.name", errors) : OptionalScalar(mapping, "name", $"{path}.name", errors);
        if (name is not null && !SafeName().IsMatch(name.Text))
        {
            errors.Add(new ConfigError(name.Location, $"{path}.name", SafeNameProblem(name.Text, "the run folder")));
        }

        if (type is null)
        {
            return null;
        }

        var descriptor = datasets.Find(type.Text);
        if (descriptor is null)
        {
            errors.Add(new ConfigError(type.Location, $"{path}.type", $"unknown dataset type '{type.Text}'; valid types: {string.Join(", ", datasets.Types)}"));
            return null;
        }

        var options = OptionsBinder.Bind(descriptor.OptionsType, AsMapping(mapping["params"], $"{path}.params", errors),
            $"{path}.params", errors, mapping.Location);
        return new DatasetSpec(name?.Text ?? type.Text, descriptor, options);
    }

    private IReadOnlyList<DetectorSpec> ReadDetectors(ConfigMapping root, List<ConfigError> errors)
    {
        var node = root[ExperimentKeys.Detectors];
        if (node is not ConfigSequence sequence || sequence.Items.Count == 0)
        {
            errors.Add(new ConfigError(node?.Location ?? root.Location, ExperimentKeys.Detectors,
                $"give a non-empty list of detectors, each {{name, type, params}}; types: {string.Join(", ", detectors.Types)}"));
            return [];
        }

        var specs = new List<DetectorSpec>();
        var names = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var path = $"detectors[{i}]";
            var mapping = AsMapping(sequence.Items[i], path, errors);
            if (mapping is null)
            {
                continue;
            }

            CheckKeys(mapping, path, ["name", "type", "params", "grid", "select"], errors);
            var type = RequiredScalar(mapping, "type", $"{path}.type", errors);
            var name = OptionalScalar(mapping, "name", $"{path}.name", errors) ?? type;
            if (name is not null)
            {
                if (!SafeName().IsMatch(name.Text))
                {
                    errors.Add(new ConfigError(name.Location, $"{path}.name", SafeNameProblem(name.Text, "the model folder")));
                }
                else if (names.TryGetValue(name.Text, out var first))
                {
                    errors.Add(new ConfigError(name.Location, $"{path}.name", $"detector name '{name.Text}' is used twice (first at line {first.Line}); names must be unique"));
                }
                else
                {
                    names[name.Text] = name.Location;
                }
            }

            if (type is null || name is null)
            {
                continue;
            }

            var descriptor = detectors.Find(type.Text);
            if (descriptor is null)
            {
                errors.Add(new ConfigError(type.Location, $"{path}.type", $"unknown detector type '{type.Text}'; valid types: {string.Join(", ", detectors.Types)}"));
                continue;
            }

            var parameters = AsMapping(mapping["params"], $"{path}.params", errors);
            if (mapping["select"] is { } select)
            {
                if (ReadSelection(name.Text, descriptor, parameters, mapping, select, path, errors) is { } selection)
                {
                    specs.Add(selection);
                }

                continue;
            }

            var variants = mapping["grid"] is { } grid
                ? DetectorGrid.Expand(name.Text, descriptor, parameters, grid, path, errors)
                    .Select(v => (v.Name, v.Options, (DetectorSweep?)v.Sweep)).ToArray()
                : [(name.Text, OptionsBinder.Bind(descriptor.OptionsType, parameters, $"{path}.params", errors, mapping.Location), null)];
            foreach (var (variantName, options, sweep) in variants)
            {
                if (sweep is not null && !names.TryAdd(variantName, name.Location))
                {
                    errors.Add(new ConfigError(name.Location, $"{path}.grid", $"detector name '{variantName}' is used twice (first at line {names[variantName].Line}); names must be unique"));
                    continue;
                }

                if (options is IReferencesDetectors referencing)
                {
                    foreach (var missing in referencing.ReferencedDetectors.Where(r => !specs.Any(s => s.Name == r)))
                    {
                        errors.Add(new ConfigError(mapping["params"]?.Location ?? mapping.Location, $"{path}.params",
                            $"'{missing}' is not a detector listed before '{variantName}'; earlier detectors: {(specs.Count == 0 ? "(none)" : string.Join(", ", specs.Select(s => s.Name)))}"));
                    }
                }

                specs.Add(new DetectorSpec(variantName, descriptor, options, sweep));
            }
        }

        return specs;
    }

    /// <summary>
    /// An entry with <c>select:</c>: one detector under the entry's name that chooses among its grid's variants
    /// from training normals (<see cref="SelectingDetector"/>); the variants are not detectors of the experiment.
    /// </summary>
    private static DetectorSpec? ReadSelection(string name, DetectorDescriptor descriptor, ConfigMapping? parameters, ConfigMapping entry,
        ConfigNode select, string path, List<ConfigError> errors)
    {
        if (entry["grid"] is not { } grid)
        {
            errors.Add(new ConfigError(select.Location, $"{path}.select", "select: chooses among the variants of a grid: add grid: {parameter: [values]} to this detector"));
            return null;
        }

        var options = (SelectOptions)OptionsBinder.Bind(typeof(SelectOptions), AsMapping(select, $"{path}.select", errors), $"{path}.select", errors, select.Location);
        var variants = DetectorGrid.Expand(name, descriptor, parameters, grid, path, errors)
            .Select(v => new DetectorSpec(v.Name, descriptor, v.Options, v.Sweep))
            .ToArray();
        if (variants.Length == 0)
        {
            return null;
        }

        if (variants[0].Options is IReferencesDetectors)
        {
            errors.Add(new ConfigError(select.Location, $"{path}.select", $"select: cannot choose among variants of {descriptor.Type}, which builds on other detectors; list the variants instead"));
            return null;
        }

        if (SelectingDetector.Problem(options.Criterion, descriptor) is { } problem)
        {
            errors.Add(new ConfigError(select.Location, $"{path}.select.criterion", problem));
            return null;
        }

        return new DetectorSpec(name, SelectingDetector.Descriptor(descriptor, variants), options, Variants: variants);
    }

    private static IReadOnlyList<int> ReadSeeds(ConfigMapping root, List<ConfigError> errors)
    {
        var node = root[ExperimentKeys.Seeds];
        if (node is null)
        {
            return [42];
        }

        var items = node is ConfigSequence sequence ? sequence.Items : [node];
        var seeds = new List<int>();
        foreach (var item in items)
        {
            if (item is ConfigScalar scalar && int.TryParse(scalar.Text, System.Globalization.NumberStyles.Integer,
                    System.Globalization.CultureInfo.InvariantCulture, out var seed))
            {
                seeds.Add(seed);
            }
            else
            {
                errors.Add(new ConfigError(item.Location, ExperimentKeys.Seeds, "each seed must be an integer"));
            }
        }

        if (seeds.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ConfigError(node.Location, ExperimentKeys.Seeds, "give at least one seed"));
        }

        if (seeds.Distinct().Count() != seeds.Count)
        {
            errors.Add(new ConfigError(node.Location, ExperimentKeys.Seeds, "seeds must be distinct"));
        }

        return seeds;
    }

    private static bool ReadBool(ConfigMapping root, string key, bool defaultValue, List<ConfigError> errors)
    {
        var scalar = OptionalScalar(root, key, key, errors);
        if (scalar is null)
        {
            return defaultValue;
        }

        if (scalar.Text is "true" or "false")
        {
            return scalar.Text == "true";
        }

        errors.Add(new ConfigError(scalar.Location, key, $"'{scalar.Text}' is not true or false"));
        return defaultValue;
    }

    private static void CheckKeys(ConfigMapping mapping, string path, string[] allowed, List<ConfigError> errors)
    {
        foreach (var entry in mapping.Entries.Where(e => !allowed.Contains(e.Key.Text)))
        {
            errors.Add(new ConfigError(entry.Key.Location, $"{path}.{entry.Key.Text}",
                $"unknown key '{entry.Key.Text}'; valid keys: {string.Join(", ", allowed)}"));
        }
    }

    private static ConfigMapping? AsMapping(ConfigNode? node, string path, List<ConfigError> errors)
    {
        switch (node)
        {
            case null:
                return null;
            case ConfigMapping mapping:
                return mapping;
            case ConfigScalar { Text: "" or "~" or "null" }:
                return null;
            default:
                errors.Add(new ConfigError(node.Location, path, "expected a mapping (key: value lines)"));
                return null;
        }
    }

    private static ConfigScalar? RequiredScalar(ConfigMapping mapping, string key, string path, List<ConfigError> errors)
    {
        var scalar = OptionalScalar(mapping, key, path, errors);
        if (scalar is null && mapping[key] is null)
        {
            errors.Add(new ConfigError(mapping.Location, path, "missing"));
        }

        return scalar;
    }

    private static ConfigScalar? OptionalScalar(ConfigMapping mapping, string key, string path, List<ConfigError> errors)
    {
        switch (mapping[key])
        {
            case null:
                return null;
            case ConfigScalar scalar when scalar.Text.Length > 0:
                return scalar;
            case var other:
                errors.Add(new ConfigError(other.Location, path, "expected a single non-empty value"));
                return null;
        }
    }

    /// <summary>
    /// A name that is one plain folder name: no separators, and not '.', '..' or a hidden name, which would
    /// put the run or its models outside their folder or among the tool's own (.model-cache, .partial).
    /// </summary>
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]*$")]
    private static partial Regex SafeName();

    private static string SafeNameProblem(string name, string whatItNames) =>
        $"'{name}' must start with a letter, digit or '_' and use letters, digits, '.', '_' or '-' only (it names {whatItNames})";
}
