using System.Security.Cryptography;
using System.Text;
using SyscallBench.Core.Running;

namespace SyscallBench.Core.Streaming;

/// <summary>
/// Window calibrations kept between `score` calls (by default results/.score-cache/), so only the first
/// call with a model, a windowing and a set of calibration traces pays for scoring the normal traces.
/// </summary>
/// <remarks>
/// Run folders are immutable, so the cache lives outside them. The key is a SHA-256 of the entry format's
/// version, the tool's version with its git commit (the code that windows and scores), the model folder's
/// content (every file, by relative path and bytes), the windowing, and the identity of the calibration
/// traces (the dataset's content hash and split, or the calibration files' content): changing any of them
/// computes a new calibration. An entry that cannot be read is computed again and overwritten. The false-alarm rate is not part of the key: an entry keeps every normal window
/// score, and the threshold at any rate is read from them. Entries are written under a temporary name and
/// renamed, like every result file.
/// </remarks>
public sealed class CalibrationCache(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>The version of the entries' JSON layout (<see cref="WindowCalibration"/>); raise it when that changes.</summary>
    public const int FormatVersion = 2;

    /// <summary>The cache key of a calibration (see the remarks for what it covers).</summary>
    /// <param name="modelDirectory">The model folder, hashed by content.</param>
    /// <param name="spec">The windowing.</param>
    /// <param name="calibrationIdentity">Which traces calibrate ("dataset HASH split NAME", "files HASH").</param>
    /// <param name="toolVersion">The tool's version including its git commit (<see cref="RunEnvironment.CurrentToolVersion"/>).</param>
    public static string Key(string modelDirectory, WindowSpec spec, string calibrationIdentity, string toolVersion)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"format\n{FormatVersion}\ntool\n{toolVersion}\nmodel\n"));
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

    /// <summary>The stored calibration, or null when there is none or it cannot be read (cut short, edited): then it is computed again.</summary>
    public WindowCalibration? TryLoad(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? WindowCalibration.TryFromJson(File.ReadAllText(path)) : null;
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
