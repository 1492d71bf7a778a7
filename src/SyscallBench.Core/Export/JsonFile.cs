using System.Text.Json;
using SyscallBench.Core.Running;

namespace SyscallBench.Core.Export;

/// <summary>Indented JSON written atomically; numbers are culture-invariant by construction.</summary>
public static class JsonFile
{
    /// <summary>The settings every results JSON file is written with (and read back with).</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        // ROC thresholds start at +Infinity ("nothing flagged"), as in scikit-learn.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// <see cref="Options"/> for reading files back: a null where the type allows none is an error (a damaged or
    /// hand-edited file), not a null reference found later. Required members (C# <c>required</c>) must be present.
    /// </summary>
    public static readonly JsonSerializerOptions ReadOptions = new(Options) { RespectNullableAnnotations = true };

    public static void Save(object value, string path) =>
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, value, value.GetType(), Options));
}
