namespace SyscallBench.Core.Config;

/// <summary>One problem in a config file: where, which field, what.</summary>
/// <param name="Location">file:line:column of the offending value (or its parent when a field is missing).</param>
/// <param name="FieldPath">Dotted path of the field, e.g. "detectors[1].params.window_length".</param>
/// <param name="Message">What is wrong and, where it helps, what is allowed.</param>
public sealed record ConfigError(SourceLocation Location, string FieldPath, string Message)
{
    public override string ToString() => $"{Location}: {FieldPath}: {Message}";
}

/// <summary>All errors of one config, reported at once.</summary>
public sealed class ConfigException : SyscallBenchException
{
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigError> errors) =>
        $"{errors.Count} error{(errors.Count == 1 ? "" : "s")} in the experiment config:"
        + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
}
