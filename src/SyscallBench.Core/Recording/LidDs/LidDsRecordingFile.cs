using System.IO.Compression;
using System.Text;
using SyscallBench.Core.Running;

namespace SyscallBench.Core.Recording.LidDs;

/// <summary>
/// One LID-DS 2021 recording being written: NAME.zip holding NAME.sc (the system calls, one per line) and NAME.json
/// (the metadata). Lines go to a temporary .sc file while recording; <see cref="Complete"/> compresses it into the
/// zip, which appears under its final name only when whole.
/// </summary>
/// <remarks>
/// Compressing at the end instead of while recording keeps deflate's CPU time out of the recorded period, where it
/// would compete with the traced programs.
/// </remarks>
public sealed class LidDsRecordingFile : IDisposable
{
    private readonly string _temporary;
    private StreamWriter? _lines;

    private LidDsRecordingFile(string zipPath, string name)
    {
        ZipPath = zipPath;
        Name = name;
        var folder = Path.GetDirectoryName(Path.GetFullPath(zipPath))!;
        Directory.CreateDirectory(folder);
        _temporary = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.sc.tmp");
        _lines = new StreamWriter(new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), new UTF8Encoding(false), 1 << 16);
    }

    public string ZipPath { get; }

    /// <summary>NAME: the zip's file name without ".zip".</summary>
    public string Name { get; }

    /// <summary>Where the .sc lines are written.</summary>
    public TextWriter Lines => _lines ?? throw new InvalidOperationException("The recording is complete.");

    /// <summary>Starts a recording at <paramref name="zipPath"/> (which must end in .zip and must not exist yet).</summary>
    public static LidDsRecordingFile Create(string zipPath)
    {
        if (!zipPath.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) || Path.GetFileName(zipPath).Length <= 4)
        {
            throw new SyscallBenchException($"{zipPath}: a LID-DS recording is written as NAME.zip; give a path ending in .zip (or - for standard output).");
        }

        if (File.Exists(zipPath) || Directory.Exists(zipPath))
        {
            throw new SyscallBenchException($"{zipPath} exists already; choose a new name.");
        }

        return new LidDsRecordingFile(zipPath, Path.GetFileNameWithoutExtension(zipPath));
    }

    /// <summary>Writes NAME.zip (NAME.sc, then NAME.json) atomically and removes the temporary lines.</summary>
    public void Complete(RecordingMetadata metadata)
    {
        if (metadata.Name != Name)
        {
            throw new ArgumentException($"The metadata names recording '{metadata.Name}', the file '{Name}'.", nameof(metadata));
        }

        Lines.Flush();
        _lines!.Dispose();
        _lines = null;
        var stamp = DateTimeOffset.FromUnixTimeMilliseconds((long)(metadata.RecordingStartUnixSeconds * 1000));
        AtomicFile.Write(ZipPath, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            var sc = zip.CreateEntry(Name + ".sc", CompressionLevel.SmallestSize);
            sc.LastWriteTime = stamp;
            using (var entry = sc.Open())
            using (var lines = File.OpenRead(_temporary))
            {
                lines.CopyTo(entry);
            }

            var json = zip.CreateEntry(Name + ".json", CompressionLevel.SmallestSize);
            json.LastWriteTime = stamp;
            using var jsonEntry = json.Open();
            jsonEntry.Write(Encoding.UTF8.GetBytes(RecordingJson.Write(metadata)));
        });
        File.Delete(_temporary);
    }

    public void Dispose()
    {
        _lines?.Dispose();
        _lines = null;
        if (File.Exists(_temporary))
        {
            File.Delete(_temporary);
        }
    }
}
