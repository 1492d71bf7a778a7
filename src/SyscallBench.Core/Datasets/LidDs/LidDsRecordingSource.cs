using System.IO.Compression;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Sysdig;

namespace SyscallBench.Core.Datasets.LidDs;

/// <summary>Where a LID-DS recording sits in its scenario.</summary>
internal enum LidDsSplit
{
    Training,
    Validation,
    Test,
}

/// <summary>
/// One LID-DS recording where it is stored: a 2021 zip, an unzipped 2021 recording (NAME.sc and NAME.json), or a
/// 2019 run (NAME.txt and its runs.csv row). Opens its metadata and its event text for one streaming read; zip
/// entries are decompressed as they are read (never extracted) with their CRC-32 checked, and the .pcap and .res
/// files are never opened.
/// </summary>
internal abstract class LidDsRecordingSource(string name, LidDsSplit split, string location)
{
    /// <summary>The recording's name (the zip's or files' name without extension); the trace id.</summary>
    public string Name { get; } = name;

    public LidDsSplit Split { get; } = split;

    /// <summary>The zip, folder or file, for messages and <see cref="Trace.Source"/>.</summary>
    public string Location { get; } = location;

    public abstract SysdigFormat Format { get; }

    /// <summary>Reads the metadata, then hands it and the event text (and the text's name for messages) to <paramref name="read"/>.</summary>
    public abstract T Read<T>(Func<LidDsMetadata, Stream, string, T> read);

    /// <summary>A 2021 recording zip: NAME.json and NAME.sc inside (or the zip's only .json and .sc).</summary>
    public sealed class Zipped(string zipPath, LidDsSplit split)
        : LidDsRecordingSource(System.IO.Path.GetFileNameWithoutExtension(zipPath), split, zipPath)
    {
        public override SysdigFormat Format => SysdigFormat.LidDs2021;

        public override T Read<T>(Func<LidDsMetadata, Stream, string, T> read)
        {
            ZipArchive archive;
            try
            {
                archive = ZipFile.OpenRead(Location);
            }
            catch (InvalidDataException e)
            {
                throw new DatasetException($"{Location}: not a readable zip archive ({e.Message}).", e);
            }

            using (archive)
            {
                var json = Entry(archive, ".json");
                var events = Entry(archive, ".sc");
                LidDsMetadata metadata;
                using (var stream = CheckedZipEntryStream.Open(json, $"{Location}!{json.FullName}"))
                using (var buffer = new MemoryStream())
                {
                    stream.CopyTo(buffer);
                    metadata = LidDsMetadata.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), $"{Location}!{json.FullName}");
                }

                var eventsName = $"{Location}!{events.FullName}";
                using var eventStream = CheckedZipEntryStream.Open(events, eventsName);
                return read(metadata, eventStream, eventsName);
            }
        }

        private ZipArchiveEntry Entry(ZipArchive archive, string extension)
        {
            var named = archive.GetEntry(Name + extension);
            if (named is not null)
            {
                return named;
            }

            var candidates = archive.Entries.Where(e => e.FullName.EndsWith(extension, StringComparison.OrdinalIgnoreCase)).ToArray();
            return candidates.Length == 1
                ? candidates[0]
                : throw new DatasetException(candidates.Length == 0
                    ? $"{Location}: the recording has no {extension} file (a LID-DS 2021 recording zip holds {Name}.sc and {Name}.json)."
                    : $"{Location}: {candidates.Length} {extension} files and none named {Name}{extension}; which is the recording's is unclear.");
        }
    }

    /// <summary>An unzipped 2021 recording: NAME.sc and NAME.json files.</summary>
    public sealed class Unzipped(string name, string eventsPath, string metadataPath, LidDsSplit split)
        : LidDsRecordingSource(name, split, eventsPath)
    {
        public override SysdigFormat Format => SysdigFormat.LidDs2021;

        public override T Read<T>(Func<LidDsMetadata, Stream, string, T> read)
        {
            var metadata = LidDsMetadata.Parse(File.ReadAllBytes(metadataPath), metadataPath);
            using var events = new FileStream(Location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return read(metadata, events, Location);
        }
    }

    /// <summary>A 2019 run: its NAME.txt and its row of runs.csv.</summary>
    public sealed class Run2019(string name, string textPath, LidDsMetadata metadata, LidDsSplit split)
        : LidDsRecordingSource(name, split, textPath)
    {
        public override SysdigFormat Format => SysdigFormat.LidDs2019;

        public LidDsMetadata Metadata { get; } = metadata;

        public override T Read<T>(Func<LidDsMetadata, Stream, string, T> read)
        {
            using var events = new FileStream(Location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return read(Metadata, events, Location);
        }
    }
}
