using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace SyscallBench.Core.Config;

/// <summary>One documented parameter of an options type, as `list` and the validator see it.</summary>
public sealed record ParameterDescription(
    string YamlName,
    string TypeName,
    string DefaultText,
    string Description,
    PropertyInfo Property)
{
    /// <summary>A path relative to the experiment file (<see cref="PathOptionAttribute"/>).</summary>
    public bool IsPath => Property.GetCustomAttribute<PathOptionAttribute>() is not null;
}

/// <summary>Reads the parameters of an options type (names, types, defaults, descriptions) by reflection.</summary>
public static class OptionsSchema
{
    public static IReadOnlyList<ParameterDescription> Describe(Type optionsType)
    {
        var defaults = Activator.CreateInstance(optionsType)
            ?? throw new InvalidOperationException($"{optionsType.Name} needs a public parameterless constructor.");
        return optionsType
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<DescriptionAttribute>() is not null)
            .Select(p => new ParameterDescription(
                SnakeCase.From(p.Name),
                TypeName(p.PropertyType),
                FormatValue(p.GetValue(defaults)),
                p.GetCustomAttribute<DescriptionAttribute>()!.Description,
                p))
            .ToArray();
    }

    /// <summary>Every parameter as "yaml_name=value" lines, in declaration order: a stable text of a configuration.</summary>
    public static string Canonical(IOptions options) =>
        string.Join("\n", Describe(options.GetType()).Select(p => $"{p.YamlName}={FormatValue(p.Property.GetValue(options))}"));

    public static string FormatValue(object? value) => value switch
    {
        null => "(none)",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Enum e => SnakeCase.From(e.ToString()),
        int[] ints => "[" + string.Join(", ", ints.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]",
        double[] doubles => "[" + string.Join(", ", doubles.Select(d => d.ToString("R", CultureInfo.InvariantCulture))) + "]",
        string[] texts => "[" + string.Join(", ", texts) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string TypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            return string.Join(" | ", Enum.GetNames(underlying).Select(SnakeCase.From));
        }

        return underlying switch
        {
            _ when underlying == typeof(int) || underlying == typeof(long) => "integer",
            _ when underlying == typeof(double) => "number",
            _ when underlying == typeof(bool) => "true | false",
            _ when underlying == typeof(string) => "text",
            _ when underlying == typeof(int[]) => "list of integers",
            _ when underlying == typeof(double[]) => "list of numbers",
            _ when underlying == typeof(string[]) => "list of names",
            _ => underlying.Name,
        };
    }
}
