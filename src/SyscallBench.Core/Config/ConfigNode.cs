namespace SyscallBench.Core.Config;

/// <summary>A place in a config file, 1-based, as editors show it.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// A parsed YAML value that remembers where it was written, so every validation error can point at
/// file:line:column. Produced by <c>ConfigYaml</c>; consumed by the config reader and the options binder.
/// </summary>
public abstract record ConfigNode(SourceLocation Location);

public sealed record ConfigScalar(string Text, SourceLocation Location) : ConfigNode(Location);

public sealed record ConfigSequence(IReadOnlyList<ConfigNode> Items, SourceLocation Location) : ConfigNode(Location);

public sealed record ConfigMapping(IReadOnlyList<ConfigEntry> Entries, SourceLocation Location) : ConfigNode(Location)
{
    public ConfigNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Text == key)?.Value;
}

public sealed record ConfigEntry(ConfigScalar Key, ConfigNode Value);
