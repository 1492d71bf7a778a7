using System.Globalization;
using System.Text.RegularExpressions;
using SyscallBench.Core.Detection;

namespace SyscallBench.Core.Config;

/// <summary>Where a detector of a parameter sweep sits: its family (the grid entry's name) and its swept values.</summary>
/// <param name="Family">The name of the detector entry that had the grid.</param>
/// <param name="Values">Each swept parameter (YAML name) and this variant's value, as the resolved config writes it, in grid order.</param>
public sealed record DetectorSweep(string Family, IReadOnlyList<KeyValuePair<string, string>> Values);

/// <summary>
/// Expands a detector entry's <c>grid:</c> into one detector per combination of values (the cartesian
/// product, first parameter slowest), each bound through <see cref="OptionsBinder"/> with the entry's
/// <c>params</c>, so a grid value is checked exactly like the same value under params, and its errors point at
/// the grid. Variants are named <c>family.param=value</c> (several parameters joined by '.'), e.g.
/// <c>stide.window_length=3</c>: valid as a folder name, a CSV cell and an ensemble member reference.
/// </summary>
/// <remarks>
/// A grid value is a list (<c>[3, 4, 6]</c>), an inclusive integer range (<c>"3..10"</c>), or a single
/// value. Grids sweep single-value parameters only; a parameter may be given in params or in the grid, not both.
/// </remarks>
internal static partial class DetectorGrid
{
    /// <summary>Most variants one entry may expand into: a guard against a typo such as "1..100000".</summary>
    public const int MaxVariants = 1000;

    public static IReadOnlyList<(string Name, IOptions Options, DetectorSweep Sweep)> Expand(string family, DetectorDescriptor descriptor,
        ConfigMapping? parameters, ConfigNode gridNode, string path, List<ConfigError> errors)
    {
        var errorCountBefore = errors.Count;
        if (gridNode is not ConfigMapping grid || grid.Entries.Count == 0)
        {
            errors.Add(new ConfigError(gridNode.Location, $"{path}.grid", "give a mapping of parameter: [values], e.g. grid: {window_length: [3, 4, 6]}"));
            return [];
        }

        var schema = OptionsSchema.Describe(descriptor.OptionsType).ToDictionary(p => p.YamlName, StringComparer.Ordinal);
        var axes = new List<(ConfigScalar Key, IReadOnlyList<ConfigScalar> Values)>();
        foreach (var entry in grid.Entries)
        {
            var key = entry.Key.Text;
            var field = $"{path}.grid.{key}";
            if (parameters?[key] is not null)
            {
                errors.Add(new ConfigError(entry.Key.Location, field, $"'{key}' is given in both params and grid; keep one"));
            }

            if (schema.TryGetValue(key, out var parameter) && parameter.Property.PropertyType.IsArray)
            {
                errors.Add(new ConfigError(entry.Key.Location, field, $"'{key}' is a list parameter ({parameter.TypeName}); a grid sweeps single-value parameters"));
            }

            axes.Add((entry.Key, Values(entry.Value, field, errors)));
        }

        if (errors.Count > errorCountBefore)
        {
            return [];
        }

        var combinations = axes.Aggregate((IEnumerable<ConfigEntry[]>)[[]],
            (partial, axis) => partial.SelectMany(entries => axis.Values.Select(v => (ConfigEntry[])[.. entries, new ConfigEntry(axis.Key, v)])))
            .ToArray();
        if (combinations.Length > MaxVariants)
        {
            errors.Add(new ConfigError(grid.Location, $"{path}.grid", $"expands into {combinations.Length} detectors; at most {MaxVariants}"));
            return [];
        }

        var gridLocations = grid.Entries.SelectMany(e => (ConfigNode[])[e.Key, e.Value, .. (e.Value as ConfigSequence)?.Items ?? []])
            .Select(n => n.Location).ToHashSet();
        var variants = new List<(string, IOptions, DetectorSweep)>();
        foreach (var combination in combinations)
        {
            var variantErrors = new List<ConfigError>();
            var values = new ConfigMapping([.. parameters?.Entries ?? [], .. combination], parameters?.Location ?? grid.Location);
            var options = OptionsBinder.Bind(descriptor.OptionsType, values, $"{path}.params", variantErrors, grid.Location);
            // Errors about a grid key or value name the grid, not params; identical errors of several variants are reported once.
            foreach (var error in variantErrors.Select(e => gridLocations.Contains(e.Location)
                         ? e with { FieldPath = $"{path}.grid" + e.FieldPath[$"{path}.params".Length..] }
                         : e))
            {
                if (!errors.Contains(error))
                {
                    errors.Add(error);
                }
            }

            if (variantErrors.Count > 0)
            {
                continue;
            }

            var swept = combination
                .Select(e => KeyValuePair.Create(e.Key.Text, OptionsSchema.FormatValue(schema[e.Key.Text].Property.GetValue(options))))
                .ToArray();
            var unsafeIndex = Array.FindIndex(swept, v => !NamePart().IsMatch(v.Value));
            if (unsafeIndex >= 0)
            {
                var error = new ConfigError(combination[unsafeIndex].Value.Location, $"{path}.grid.{swept[unsafeIndex].Key}",
                    $"'{swept[unsafeIndex].Value}' cannot be part of a detector name; grid values must use letters, digits, '.', '_' or '-'");
                if (!errors.Contains(error))
                {
                    errors.Add(error);
                }

                continue;
            }

            var name = family + "." + string.Join(".", swept.Select(v => $"{v.Key}={v.Value}"));
            variants.Add((name, options, new DetectorSweep(family, swept)));
        }

        return variants;
    }

    /// <summary>A list of single values, an integer range "a..b", or one value.</summary>
    private static IReadOnlyList<ConfigScalar> Values(ConfigNode node, string field, List<ConfigError> errors)
    {
        switch (node)
        {
            case ConfigSequence { Items.Count: 0 }:
                errors.Add(new ConfigError(node.Location, field, "give at least one value"));
                return [];
            case ConfigSequence sequence:
                var scalars = sequence.Items.OfType<ConfigScalar>().ToArray();
                if (scalars.Length != sequence.Items.Count)
                {
                    errors.Add(new ConfigError(sequence.Items.First(i => i is not ConfigScalar).Location, field, "each grid value must be a single value"));
                }

                return scalars;
            case ConfigScalar scalar when Range().Match(scalar.Text.Trim()) is { Success: true } range:
                if (!long.TryParse(range.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var first)
                    || !long.TryParse(range.Groups[2].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var last)
                    || first > last || last - first >= MaxVariants)
                {
                    errors.Add(new ConfigError(scalar.Location, field, $"'{scalar.Text}' is not a range FIRST..LAST of integers with FIRST <= LAST and at most {MaxVariants} values"));
                    return [];
                }

                return Enumerable.Range(0, (int)(last - first + 1))
                    .Select(i => new ConfigScalar((first + i).ToString(CultureInfo.InvariantCulture), scalar.Location))
                    .ToArray();
            case ConfigScalar scalar:
                return [scalar];
            default:
                errors.Add(new ConfigError(node.Location, field, "give a list of values, e.g. [3, 4, 6], or a range such as \"3..10\""));
                return [];
        }
    }

    [GeneratedRegex("^(-?[0-9]+)\\.\\.(-?[0-9]+)$")]
    private static partial Regex Range();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePart();
}
