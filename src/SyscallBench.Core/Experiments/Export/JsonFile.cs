using System.Text.Json;

namespace SyscallBench.Core.Experiments.Export;

/// <summary>Indented JSON written atomically; numbers are culture-invariant by construction.</summary>
public static class JsonFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

    public static void Save(object value, string path) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, value, value.GetType(), Options));
}
