using System.Globalization;

namespace SyscallBench.Core.Config;

/// <summary>
/// Builds an options object from a YAML mapping: starts from the defaults, sets each given key, and
/// reports unknown keys, unparsable values and <see cref="IOptions.Validate"/> failures with their place.
/// </summary>
public static class OptionsBinder
{
    public static T Bind<T>(ConfigMapping? values, string fieldPath, List<ConfigError> errors)
        where T : IOptions, new() =>
        (T)Bind(typeof(T), values, fieldPath, errors, values?.Location ?? new SourceLocation("(defaults)", 0, 0));

    /// <summary>Returns the options (defaults where a value was bad); appends every problem to <paramref name="errors"/>.</summary>
    public static IOptions Bind(Type optionsType, ConfigMapping? values, string fieldPath, List<ConfigError> errors, SourceLocation ownerLocation)
    {
        var options = (IOptions)(Activator.CreateInstance(optionsType)
            ?? throw new InvalidOperationException($"{optionsType.Name} needs a public parameterless constructor."));
        var parameters = OptionsSchema.Describe(optionsType).ToDictionary(p => p.YamlName, StringComparer.Ordinal);
        var locationByProperty = new Dictionary<string, SourceLocation>();
        var errorCountBefore = errors.Count;

        foreach (var entry in values?.Entries ?? [])
        {
            var key = entry.Key.Text;
            if (!parameters.TryGetValue(key, out var parameter))
            {
                var valid = string.Join(", ", parameters.Keys.Order(StringComparer.Ordinal));
                errors.Add(new ConfigError(entry.Key.Location, $"{fieldPath}.{key}",
                    $"unknown parameter '{key}'; valid parameters: {(valid.Length == 0 ? "(none)" : valid)}"));
                continue;
            }

            locationByProperty[parameter.Property.Name] = entry.Value.Location;
            if (TryConvert(entry.Value, parameter.Property.PropertyType, out var value, out var problem))
            {
                parameter.Property.SetValue(options, value);
            }
            else
            {
                errors.Add(new ConfigError(entry.Value.Location, $"{fieldPath}.{key}", problem));
            }
        }

        // Cross-field validation only makes sense once every value parsed.
        if (errors.Count == errorCountBefore)
        {
            foreach (var error in options.Validate())
            {
                var location = locationByProperty.GetValueOrDefault(error.Property, values?.Location ?? ownerLocation);
                errors.Add(new ConfigError(location, $"{fieldPath}.{SnakeCase.From(error.Property)}", error.Message));
            }
        }

        return options;
    }

    /// <summary>
    /// Checks options read from a file other than the experiment YAML (a saved model's settings) with the
    /// validation the YAML gets, and throws naming the file and every problem.
    /// </summary>
    /// <exception cref="SyscallBenchException">The options fail their own validation.</exception>
    public static void ThrowIfInvalid(IOptions options, string file)
    {
        // YAML can only name an enum's members; a file can hold any number.
        var undefined = OptionsSchema.Describe(options.GetType())
            .Where(p => p.Property.PropertyType.IsEnum && !Enum.IsDefined(p.Property.PropertyType, p.Property.GetValue(options)!))
            .Select(p => new OptionError(p.Property.Name, $"is {p.Property.GetValue(options)}, not one of {OptionsSchema.TypeName(p.Property.PropertyType)}"));
        var errors = undefined.Concat(options.Validate()).ToArray();
        if (errors.Length > 0)
        {
            throw new SyscallBenchException($"{file}: invalid options: "
                + string.Join("; ", errors.Select(e => $"{SnakeCase.From(e.Property)} {e.Message}")));
        }
    }

    private static bool TryConvert(ConfigNode node, Type type, out object? value, out string problem)
    {
        value = null;
        problem = "";
        if (type == typeof(int[]) || type == typeof(double[]) || type == typeof(string[]))
        {
            var elementType = type.GetElementType()!;
            var items = node is ConfigSequence sequence ? sequence.Items : [node];
            var array = Array.CreateInstance(elementType, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                if (!TryConvert(items[i], elementType, out var item, out problem))
                {
                    problem = $"item {i + 1}: {problem}";
                    return false;
                }

                array.SetValue(item, i);
            }

            value = array;
            return true;
        }

        if (node is not ConfigScalar scalar)
        {
            problem = $"expected a single value ({OptionsSchema.TypeName(type)}), got a {(node is ConfigSequence ? "list" : "mapping")}";
            return false;
        }

        var text = scalar.Text.Trim();
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying != type && (text.Length == 0 || text is "null" or "~"))
        {
            return true;
        }

        var ok = true;
        if (underlying == typeof(int))
        {
            ok = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i);
            value = i;
        }
        else if (underlying == typeof(long))
        {
            ok = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l);
            value = l;
        }
        else if (underlying == typeof(double))
        {
            ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);
            value = d;
        }
        else if (underlying == typeof(bool))
        {
            ok = text is "true" or "false";
            value = text == "true";
        }
        else if (underlying == typeof(string))
        {
            value = scalar.Text;
        }
        else if (underlying.IsEnum)
        {
            var match = Enum.GetNames(underlying).FirstOrDefault(n => SnakeCase.From(n) == text);
            ok = match is not null;
            value = match is null ? null : Enum.Parse(underlying, match);
        }
        else
        {
            throw new InvalidOperationException($"Options property type {underlying.Name} is not supported.");
        }

        if (!ok)
        {
            problem = $"'{scalar.Text}' is not a valid {OptionsSchema.TypeName(type)}";
        }

        return ok;
    }
}
