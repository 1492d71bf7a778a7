using System.Text.Json.Nodes;
using SyscallBench.Core;
using SyscallBench.Core.Detection;
using SyscallBench.TestSupport.Detection;

namespace SyscallBench.Cli.Tests;

/// <summary>
/// Every file of every registered detector's saved model, changed or cut: loading gives a
/// <see cref="SyscallBenchException"/> naming the model folder, or a model that still scores; never a
/// crash (NullReferenceException, a raw JsonException, libtorch allocating gigabytes).
/// </summary>
public sealed class TamperedModelTests(DetectorContractFixture<AllDetectorsContractSubjects> fixture) : IClassFixture<DetectorContractFixture<AllDetectorsContractSubjects>>
{
    public static TheoryData<string> Types => AllDetectorsContractSubjects.Types;

    /// <summary>Whole-file replacements: the issue's cases and their kin.</summary>
    private static readonly (string Name, Func<byte[], byte[]> Change)[] FileChanges =
    [
        ("empty", _ => []),
        ("cut in half", b => b[..(b.Length / 2)]),
        ("cut by one byte", b => b.Length == 0 ? b : b[..^1]),
        ("random bytes", b => RandomBytes(Math.Max(b.Length, 64), seed: b.Length)),
        ("{}", _ => "{}"u8.ToArray()),
        ("{", _ => "{"u8.ToArray()),
        ("[1,2]", _ => "[1,2]"u8.ToArray()),
        ("{\"type\":123}", _ => "{\"type\":123}"u8.ToArray()),
        ("[-1,5,5,99999999]", _ => "[-1,5,5,99999999]"u8.ToArray()),
        ("[]", _ => "[]"u8.ToArray()),
        ("{\"a\":1}", _ => "{\"a\":1}"u8.ToArray()),
        ("abc", _ => "abc"u8.ToArray()),
    ];

    /// <summary>Values put in place of each number or string of a JSON file, one at a time.</summary>
    private static readonly JsonNode[] FieldValues = [-8, 0, 2_000_000_000, 1e300, "robust", ""];

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenEachFileOfASavedModelReplacedOrCut_WhenLoaded_ThenTheErrorNamesTheFolderOrTheModelStillScores(string type)
    {
        // Given a saved model of the type
        using var saved = new SavedModel(fixture.Shared(type));
        foreach (var file in saved.Files)
        {
            foreach (var (name, change) in FileChanges)
            {
                // When one file is replaced, Then loading and scoring fail only as a located user error
                saved.Check(fixture, file, $"{file} {name}", bytes => change(bytes));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenEachValueOfASavedModelsJsonFilesChanged_WhenLoaded_ThenTheErrorNamesTheFolderOrTheModelStillScores(string type)
    {
        // Given a saved model of the type
        using var saved = new SavedModel(fixture.Shared(type));
        foreach (var file in saved.Files.Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var original = JsonNode.Parse(File.ReadAllBytes(Path.Combine(saved.Directory, file)))!;
            foreach (var path in Leaves(original, "$"))
            {
                foreach (var value in FieldValues)
                {
                    // When one value (an option, a size, a method name) is changed (lstm.json's hidden size 2e9,
                    // ocsvm.json's gamma -8, ensemble.json's method), Then the same holds
                    saved.Check(fixture, file, $"{file} {path} = {value.ToJsonString()}",
                        _ => System.Text.Encoding.UTF8.GetBytes(Replace(original, path, value).ToJsonString()));
                }
            }
        }
    }

    internal static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>JSON paths of every number, string and boolean, capped per array so big weight lists stay quick.</summary>
    private static IEnumerable<string> Leaves(JsonNode? node, string path) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Leaves(p.Value, $"{path}.{p.Key}")),
        JsonArray array => array.Take(3).SelectMany((item, i) => Leaves(item, $"{path}[{i}]")),
        null => [],
        _ => [path],
    };

    private static JsonNode Replace(JsonNode original, string path, JsonNode value)
    {
        var copy = original.DeepClone();
        var parts = System.Text.RegularExpressions.Regex.Matches(path[1..], @"\.([^.\[]+)|\[(\d+)\]");
        JsonNode current = copy;
        for (var i = 0; i < parts.Count; i++)
        {
            var last = i == parts.Count - 1;
            var key = parts[i].Groups[1].Success ? parts[i].Groups[1].Value : null;
            var index = parts[i].Groups[2].Success ? int.Parse(parts[i].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            if (last)
            {
                if (key is not null)
                {
                    current[key] = value.DeepClone();
                }
                else
                {
                    current[index] = value.DeepClone();
                }
            }
            else
            {
                current = key is not null ? current[key]! : current[index]!;
            }
        }

        return copy;
    }
}

/// <summary>A fitted model saved to a temporary folder, and a scratch copy to change one file of at a time.</summary>
internal sealed class SavedModel : IDisposable
{
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("syscallbench-tampered-").FullName;

    public SavedModel(IFittedDetector fitted)
    {
        Directory = Path.Combine(_root, "saved");
        DetectorRegistry.Save(fitted, Directory);
        Files = System.IO.Directory.GetFiles(Directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f)).Order(StringComparer.Ordinal).ToArray();
    }

    public string Directory { get; }

    /// <summary>The model's files, relative to <see cref="Directory"/>.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// Copies the model, changes <paramref name="file"/> with <paramref name="change"/>, and loads and scores
    /// the copy: anything but success or a <see cref="SyscallBenchException"/> naming the copy fails the test.
    /// </summary>
    public void Check(DetectorContractFixture<AllDetectorsContractSubjects> fixture, string file, string what, Func<byte[], byte[]> change)
    {
        var copy = Path.Combine(_root, "copy-" + Guid.NewGuid().ToString("N"));
        CopyFolder(Directory, copy);
        var path = Path.Combine(copy, file);
        File.WriteAllBytes(path, change(File.ReadAllBytes(path)));
        try
        {
            using var loaded = AllDetectorsContractSubjects.Registry.Load(copy);
            foreach (var trace in fixture.Data.TestNormal.Take(3).Append(fixture.Data.PlantedAnomaly))
            {
                loaded.Score(trace);
            }
        }
        catch (SyscallBenchException e)
        {
            Assert.True(e.Message.Contains(copy, StringComparison.Ordinal), $"{what}: the message does not name the model folder: {e.Message}");
        }
        catch (Exception e)
        {
            Assert.Fail($"{what}: {e.GetType().Name} instead of a located error: {e.Message}");
        }
        finally
        {
            System.IO.Directory.Delete(copy, recursive: true);
        }
    }

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    private static void CopyFolder(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
