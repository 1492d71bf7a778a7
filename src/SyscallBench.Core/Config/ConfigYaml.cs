using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace SyscallBench.Core.Config;

/// <summary>
/// Parses YAML text into <see cref="ConfigNode"/>s that keep their file:line:column, so the config reader
/// can point every error at its place. Syntax errors become a <see cref="ConfigException"/> too.
/// </summary>
/// <remarks>
/// Before YamlDotNet builds its node tree, one pass over the parser's events bounds the nesting depth
/// (YamlStream.Load recurses once per level, so 100,000 '[' ended the process with a stack overflow) and
/// the size of the tree once aliases are expanded (an alias is copied wherever it is used, so a 400-byte
/// file of nested aliases made billions of nodes). YamlDotNet has no such limits of its own.
/// </remarks>
public static class ConfigYaml
{
    /// <summary>Deepest nesting of mappings and lists accepted; experiment files use fewer than ten levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes (scalars, lists, mappings) accepted once every alias is expanded.</summary>
    public const long MaxExpandedNodes = 100_000;

    /// <summary>Largest experiment file read, in bytes.</summary>
    public const long MaxFileBytes = 1 << 20;

    public static ConfigNode Parse(string yaml, string fileName)
    {
        CheckSize(yaml, fileName);
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
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these (with no position) on some malformed input, such as an
            // unclosed flow mapping (found by ParserFuzzTests); the last event parsed is the best place to point at.
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

    /// <summary>
    /// Walks the events once, iteratively, counting nesting depth and the nodes each anchored node stands
    /// for, and refuses the text at the first place that goes over <see cref="MaxDepth"/> or
    /// <see cref="MaxExpandedNodes"/>. Syntax errors are left for the real parse to report.
    /// </summary>
    private static void CheckSize(string yaml, string fileName)
    {
        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<(long Nodes, string? Anchor)>();
        var anchored = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                long added;
                switch (current)
                {
                    case MappingStart or SequenceStart:
                        if (open.Count >= MaxDepth)
                        {
                            throw new ConfigException([new ConfigError(At(current.Start, fileName), "(yaml)",
                                $"nested more than {MaxDepth} levels deep; an experiment file needs far fewer")]);
                        }

                        var anchor = ((NodeEvent)current).Anchor;
                        open.Push((1, anchor.IsEmpty ? null : anchor.Value));
                        continue;
                    case MappingEnd or SequenceEnd:
                        var (nodes, name) = open.Pop();
                        if (name is not null)
                        {
                            anchored[name] = nodes;
                        }

                        added = nodes;
                        break;
                    case Scalar scalar:
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchored[scalar.Anchor.Value] = 1;
                        }

                        added = 1;
                        break;
                    case AnchorAlias alias:
                        if (open.Any(o => o.Anchor == alias.Value.Value))
                        {
                            // YamlDotNet makes this a cyclic node graph, which would be expanded forever.
                            throw new ConfigException([new ConfigError(At(current.Start, fileName), "(yaml)",
                                $"the alias *{alias.Value.Value} is inside the value it names, a cycle that never ends")]);
                        }

                        // An unknown alias is a syntax error that the real parse reports with its place.
                        added = anchored.GetValueOrDefault(alias.Value.Value, 1);
                        break;
                    default:
                        continue;
                }

                if (open.Count > 0)
                {
                    var (nodes, name) = open.Pop();
                    open.Push((nodes + added, name));
                }
                else
                {
                    total += added;
                }

                if (total + open.Sum(o => o.Nodes) > MaxExpandedNodes)
                {
                    throw new ConfigException([new ConfigError(At(current.Start, fileName), "(yaml)",
                        $"more than {MaxExpandedNodes:N0} values once its aliases (*name) are expanded; "
                        + "an experiment file needs far fewer (is an alias nested in itself many times?)")]);
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            // Reported with its place by the real parse.
        }
    }

    private static SourceLocation At(Mark mark, string fileName) => new(fileName, (int)mark.Line, (int)mark.Column);

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
