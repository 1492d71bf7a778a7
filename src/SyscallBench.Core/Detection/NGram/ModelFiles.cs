using System.Text.Json;
using System.Text.Json.Serialization;
using SyscallBench.Core.Config;

namespace SyscallBench.Core.Detection.NGram;

/// <summary>
/// Reading and writing the small JSON header of a saved n-gram-family model (settings and vocabulary),
/// with errors that name the file. Names and enum values are snake_case, as in the YAML.
/// </summary>
internal static class ModelFiles
{
    public const string HeaderFile = "model.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        WriteIndented = true,
    };

    public static void WriteHeader<T>(string directory, T header) =>
        File.WriteAllText(Path.Combine(directory, HeaderFile), JsonSerializer.Serialize(header, Json));

    /// <exception cref="SyscallBenchException">Missing, unreadable, or saved by another detector type.</exception>
    public static T ReadHeader<T>(string directory, string expectedType, Func<T, string> typeOf)
    {
        var path = Path.Combine(directory, HeaderFile);
        if (!File.Exists(path))
        {
            throw new SyscallBenchException($"{path}: saved model header is missing.");
        }

        T header;
        try
        {
            header = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json)
                ?? throw new SyscallBenchException($"{path}: saved model header is empty.");
        }
        catch (JsonException e)
        {
            throw new SyscallBenchException($"{path}: saved model header is malformed: {e.Message}", e);
        }

        var type = typeOf(header);
        if (type != expectedType)
        {
            throw new SyscallBenchException($"{path}: saved by detector type '{type}', not '{expectedType}'.");
        }

        return header;
    }
}
