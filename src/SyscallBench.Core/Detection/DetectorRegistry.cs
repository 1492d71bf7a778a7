using System.Text.Json;
using SyscallBench.Core.Detection.Knn;
using SyscallBench.Core.Detection.NGram;

namespace SyscallBench.Core.Detection;

/// <summary>
/// The one map from YAML type names to detectors. Config validation, `list`, the runner and the shared
/// contract tests all iterate it. Projects with heavy dependencies (LSTM, ML.NET) contribute their own
/// descriptors; the CLI composes them.
/// </summary>
public sealed class DetectorRegistry
{
    private const string MarkerFile = "detector.json";
    private readonly Dictionary<string, DetectorDescriptor> _byType;

    public DetectorRegistry(IEnumerable<DetectorDescriptor> descriptors)
    {
        _byType = new Dictionary<string, DetectorDescriptor>(StringComparer.Ordinal);
        foreach (var descriptor in descriptors)
        {
            if (!_byType.TryAdd(descriptor.Type, descriptor))
            {
                throw new InvalidOperationException($"Detector type '{descriptor.Type}' is registered twice.");
            }
        }
    }

    /// <summary>The detectors of SyscallBench.Core (no native dependencies).</summary>
    public static IReadOnlyList<DetectorDescriptor> CoreDescriptors { get; } = [.. NGramDetectors.Descriptors, KnnDetector.Descriptor];

    public IReadOnlyList<DetectorDescriptor> All => _byType.Values.OrderBy(d => d.Type, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Types => All.Select(d => d.Type).ToArray();

    public DetectorDescriptor? Find(string type) => _byType.GetValueOrDefault(type);

    /// <summary>Saves a fitted detector into an empty directory, with a marker naming its type.</summary>
    public static void Save(IFittedDetector fitted, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, MarkerFile), JsonSerializer.Serialize(new { type = fitted.Type }));
        fitted.Save(directory);
    }

    /// <summary>
    /// Loads a directory written by <see cref="Save"/>; a changed or cut file gives a message naming the
    /// folder (see <see cref="DetectorDescriptor.Load"/>).
    /// </summary>
    /// <exception cref="SyscallBenchException">The folder is not a readable saved detector.</exception>
    public IFittedDetector Load(string directory)
    {
        var marker = Path.Combine(directory, MarkerFile);
        if (!File.Exists(marker))
        {
            throw new SyscallBenchException($"{directory}: not a saved detector (no {MarkerFile}).");
        }

        var type = ReadMarker(marker);
        var descriptor = Find(type)
            ?? throw new SyscallBenchException($"{marker}: unknown detector type '{type}'; known: {string.Join(", ", Types)}.");
        return descriptor.Load(directory);
    }

    /// <summary>detector.json: {"type": "NAME"}, and nothing else will do.</summary>
    private static string ReadMarker(string marker)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(marker));
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
            {
                return type.GetString()!;
            }
        }
        catch (JsonException e)
        {
            throw new SyscallBenchException($"{marker}: not valid JSON ({e.Message}); expected {{\"type\": \"DETECTOR TYPE\"}}.", e);
        }

        throw new SyscallBenchException($"{marker}: expected {{\"type\": \"DETECTOR TYPE\"}}, naming the detector type as text.");
    }
}
