using System.Security.Cryptography;
using System.Text;
using SyscallBench.Core.Experiments;

namespace SyscallBench.Core.Scoring;

/// <summary>
/// Window calibrations kept between `score` calls (by default results/.score-cache/), so only the first
/// call with a model, a windowing and a set of calibration traces pays for scoring the normal traces.
/// </summary>
/// <remarks>
/// Run folders are immutable, so the cache lives outside them. The key is a SHA-256 of the model folder's
/// content (every file, by relative path and bytes), the windowing, and the identity of the calibration
/// traces (the dataset's content hash, or the calibration files' content): changing any of them computes
/// a new calibration. The false-alarm rate is not part of the key: an entry keeps every normal window
/// score, and the threshold at any rate is read from them. Entries are written under a temporary name and
/// renamed, like every result file.
/// </remarks>
public sealed class CalibrationCache(string directory)
{
    public string Directory { get; } = directory;

    public static string Key(string modelDirectory, WindowSpec spec, string calibrationIdentity)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes("model\n"));
        AppendFolder(hash, modelDirectory);
        hash.AppendData(Encoding.UTF8.GetBytes($"window\n{spec}\ncalibration\n{calibrationIdentity}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 over every file under a folder (relative path and bytes, in ordinal path order).</summary>
    public static string HashFiles(string root, IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.Select(Path.GetFullPath).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public WindowCalibration? TryLoad(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? WindowCalibration.FromJson(File.ReadAllText(path), path) : null;
    }

    public void Store(string key, WindowCalibration calibration)
    {
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteText(PathOf(key), calibration.ToJson());
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".json");

    private static void AppendFolder(IncrementalHash hash, string folder)
    {
        var files = System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories);
        hash.AppendData(Encoding.UTF8.GetBytes(HashFiles(folder, files)));
    }
}
