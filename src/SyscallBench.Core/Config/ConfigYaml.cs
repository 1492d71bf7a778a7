using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SyscallBench.Core.Config;

/// <summary>
/// Parses YAML text into <see cref="ConfigNode"/>s that keep their file:line:column, so the config reader
/// can point every error at its place. Syntax errors become a <see cref="ConfigException"/> too.
/// </summary>
public static class ConfigYaml
{
    public static ConfigNode Parse(string yaml, string fileName)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var location = new SourceLocation(fileName, (int)e.Start.Line, (int)e.Start.Column);
            var message = (e.InnerException?.Message ?? e.Message).Trim();
            throw new ConfigException([new ConfigError(location, "(yaml)", $"not valid YAML: {message}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (with no position) on some malformed input, such as an
            // unclosed flow mapping; the last event it parsed is the best place we can point at.
            var mark = parser.Current?.End;
            var location = new SourceLocation(fileName, (int)(mark?.Line ?? 1), (int)(mark?.Column ?? 1));
            throw new ConfigException([new ConfigError(location, "(yaml)",
                "not valid YAML after this point (check for an unclosed '{', '[' or quote)")]);
        }

        if (stream.Documents.Count == 0)
        {
            throw new ConfigException([new ConfigError(new SourceLocation(fileName, 1, 1), "(document)", "the file is empty")]);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ConfigException([new ConfigError(Location(second, fileName), "(document)",
                "expected one YAML document, found several (remove the extra '---')")]);
        }

        return Convert(stream.Documents[0].RootNode, fileName);
    }

    private static ConfigNode Convert(YamlNode node, string fileName)
    {
        var location = Location(node, fileName);
        return node switch
        {
            YamlScalarNode scalar => new ConfigScalar(scalar.Value ?? "", location),
            YamlSequenceNode sequence => new ConfigSequence(sequence.Children.Select(c => Convert(c, fileName)).ToArray(), location),
            YamlMappingNode mapping => new ConfigMapping(ConvertEntries(mapping, fileName), location),
            _ => throw new ConfigException([new ConfigError(location, "(yaml)", "YAML aliases and tags are not supported here")]),
        };
    }

    private static ConfigEntry[] ConvertEntries(YamlMappingNode mapping, string fileName)
    {
        var entries = new List<ConfigEntry>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode scalarKey)
            {
                throw new ConfigException([new ConfigError(Location(key, fileName), "(yaml)", "mapping keys must be plain names")]);
            }

            var keyNode = new ConfigScalar(scalarKey.Value ?? "", Location(key, fileName));
            if (seen.TryGetValue(keyNode.Text, out var first))
            {
                throw new ConfigException([new ConfigError(keyNode.Location, keyNode.Text, $"duplicate key (first at line {first.Line})")]);
            }

            seen[keyNode.Text] = keyNode.Location;
            entries.Add(new ConfigEntry(keyNode, Convert(value, fileName)));
        }

        return entries.ToArray();
    }

    private static SourceLocation Location(YamlNode node, string fileName) =>
        new(fileName, (int)node.Start.Line, (int)node.Start.Column);
}
