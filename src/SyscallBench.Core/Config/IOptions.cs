namespace SyscallBench.Core.Config;

/// <summary>
/// Options of a detector or dataset: a class with public get/init properties, each with a default value
/// and a <see cref="System.ComponentModel.DescriptionAttribute"/>. YAML names are the snake_case form of
/// the property names (WindowLength -> window_length). Supported property types: int, long, double,
/// bool, string, enums (snake_case member names), int[], double[] and string[].
/// </summary>
public interface IOptions
{
    /// <summary>Checks values against each other and their ranges. Errors name the C# property.</summary>
    IEnumerable<OptionError> Validate();
}

/// <summary>A problem with one option value.</summary>
/// <param name="Property">The C# property name (use nameof); shown to users in snake_case.</param>
/// <param name="Message">What is wrong, e.g. "must be at least 1, got 0".</param>
public sealed record OptionError(string Property, string Message);
