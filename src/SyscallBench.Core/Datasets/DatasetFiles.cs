using System.IO.Compression;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Datasets;

/// <summary>
/// The files of a dataset stored either as a zip archive or as a folder, seen the same way: relative
/// paths with '/' separators and their bytes. Lets one loader read ADFA-LD.zip directly (no extraction
/// to disk) or the unzipped folder, and give both the same trace ids.
/// </summary>
internal abstract class DatasetFiles : IDisposable
{
    /// <summary>The zip file or folder, as a full path.</summary>
    public abstract string Location { get; }

    /// <summary>"zip" or "folder", for provenance notes.</summary>
    public abstract string Kind { get; }

    /// <summary>Every file (not directory) inside, relative, '/'-separated, in no particular order.</summary>
    public abstract IReadOnlyList<string> Paths { get; }

    /// <summary>The file's bytes; the span is only valid until the next call.</summary>
    public abstract ReadOnlySpan<byte> Read(string path);

    /// <summary>How error messages and <see cref="Traces.Trace.Source"/> name the file.</summary>
    public abstract string Describe(string path);

    public virtual void Dispose()
    {
    }

    public static DatasetFiles OpenZip(string zipPath)
    {
        try
        {
            return new ZipDatasetFiles(zipPath, ZipFile.OpenRead(zipPath));
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{zipPath}: not a readable zip archive ({e.Message}).", e);
        }
    }

    public static DatasetFiles OpenFolder(string folder) => new FolderDatasetFiles(Path.GetFullPath(folder));

    private sealed class ZipDatasetFiles : DatasetFiles
    {
        private readonly ZipArchive _archive;
        private readonly Dictionary<string, ZipArchiveEntry> _entryByPath = new(StringComparer.Ordinal);
        private byte[] _buffer = new byte[64 * 1024];

        public ZipDatasetFiles(string zipPath, ZipArchive archive)
        {
            Location = Path.GetFullPath(zipPath);
            _archive = archive;
            foreach (var entry in archive.Entries)
            {
                // Zips made on Windows may use backslashes; directory entries end with a separator.
                var path = entry.FullName.Replace('\\', '/');
                if (path.Length > 0 && !path.EndsWith('/'))
                {
                    _entryByPath.TryAdd(path, entry);
                }
            }

            Paths = _entryByPath.Keys.ToArray();
        }

        public override string Location { get; }

        public override string Kind => "zip";

        public override IReadOnlyList<string> Paths { get; }

        public override ReadOnlySpan<byte> Read(string path)
        {
            var entry = _entryByPath[path];
            MaybeGzippedFile.ThrowIfTooLarge(entry.Length, Describe(path));
            try
            {
                using var stream = entry.Open();
                var length = 0;
                while (true)
                {
                    if (length == _buffer.Length)
                    {
                        Array.Resize(ref _buffer, (int)Math.Min(_buffer.Length * 2L, MaybeGzippedFile.MaxWholeFileBytes + 1));
                    }

                    var read = stream.Read(_buffer, length, _buffer.Length - length);
                    if (read == 0)
                    {
                        // ZipArchive does not check an entry's CRC-32: a changed byte in a stored entry read as
                        // other syscalls while the dataset hash still changed. Checked as gzip's is.
                        var content = _buffer.AsSpan(0, length);
                        if (System.IO.Hashing.Crc32.HashToUInt32(content) != entry.Crc32)
                        {
                            throw new DatasetException($"{Describe(path)}: corrupt zip entry (its CRC-32 does not match its content).");
                        }

                        return content;
                    }

                    length += read;
                    MaybeGzippedFile.ThrowIfTooLarge(length, Describe(path));
                }
            }
            catch (InvalidDataException e)
            {
                throw new DatasetException($"{Describe(path)}: corrupt zip entry ({e.Message}).", e);
            }
        }

        public override string Describe(string path) => $"{Location}!{path}";

        public override void Dispose() => _archive.Dispose();
    }

    private sealed class FolderDatasetFiles(string folder) : DatasetFiles
    {
        public override string Location { get; } = folder;

        public override string Kind => "folder";

        public override IReadOnlyList<string> Paths { get; } = Directory
            .EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'))
            .ToArray();

        public override ReadOnlySpan<byte> Read(string path) => File.ReadAllBytes(Describe(path));

        public override string Describe(string path) => Path.Combine(Location, path.Replace('/', Path.DirectorySeparatorChar));
    }
}
