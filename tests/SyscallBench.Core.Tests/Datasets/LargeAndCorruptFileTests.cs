using System.IO.Compression;
using System.Text;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Datasets;

/// <summary>Trace files too large to read whole are refused by name; a zip entry's CRC-32 is checked.</summary>
public sealed class LargeAndCorruptFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string StoredZip(string content)
    {
        var path = _temp.Combine("traces.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("Training/t1.txt", CompressionLevel.NoCompression).Open());
            writer.Write(content);
        }

        return path;
    }

    [Fact]
    public void GivenAStoredZipEntryWithAChangedByte_WhenRead_ThenItIsRefusedAsCorrupt()
    {
        // Given a zip whose entry content "3 4 5" had one byte changed on disk (read as "3 4 6" before)
        var path = StoredZip("3 4 5");
        var bytes = File.ReadAllBytes(path);
        var at = Encoding.ASCII.GetString(bytes).IndexOf("3 4 5", StringComparison.Ordinal);
        bytes[at + 4] = (byte)'6';
        File.WriteAllBytes(path, bytes);

        // When the entry is read
        using var files = DatasetFiles.OpenZip(path);
        var error = Assert.Throws<DatasetException>(() => files.Read("Training/t1.txt").ToArray());

        // Then the entry is named and the cause given
        Assert.Contains("traces.zip!Training/t1.txt: corrupt zip entry (its CRC-32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnIntactZipEntry_WhenRead_ThenItsBytesComeBack()
    {
        using var files = DatasetFiles.OpenZip(StoredZip("3 4 5"));
        Assert.Equal("3 4 5", Encoding.ASCII.GetString(files.Read("Training/t1.txt")));
    }

    [Fact]
    public void GivenAZipEntryOfMoreThanOneGiB_WhenRead_ThenItIsRefusedNamingTheEntryAndTheLimit()
    {
        // Given a zip whose entry says it holds 3 GiB (the header fields of a small entry, changed: a real one
        // of 1 GiB gave ArgumentOutOfRangeException)
        var path = StoredZip("3 4 5");
        var bytes = File.ReadAllBytes(path);
        PatchSizes(bytes, 3L << 30);
        File.WriteAllBytes(path, bytes);

        // When it is read
        using var files = DatasetFiles.OpenZip(path);
        var error = Assert.Throws<SyscallBenchException>(() => files.Read("Training/t1.txt").ToArray());

        // Then the message names the entry and the limit
        Assert.Contains("traces.zip!Training/t1.txt: more than 1,073,741,824 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenATraceFileOfThreeGiB_WhenParsed_ThenItIsRefusedNamingTheFileAndTheLimit()
    {
        // Given a (sparse) 3 GiB file: it gave OverflowException
        var path = _temp.Combine("huge.txt");
        using (var file = File.Create(path))
        {
            file.SetLength(3L << 30);
        }

        // When it is parsed
        var error = Assert.Throws<SyscallBenchException>(() => TraceFileParser.ParseFile(path));

        // Then
        Assert.StartsWith($"{path}: more than 1,073,741,824 bytes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Sets the uncompressed size (zip32, so at most 4 GiB) in the local and central headers of a one-entry zip.</summary>
    private static void PatchSizes(byte[] zip, long size)
    {
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            if (signature == 0x04034b50)
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), (uint)size);
            }
            else if (signature == 0x02014b50)
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), (uint)size);
            }
        }
    }
}
