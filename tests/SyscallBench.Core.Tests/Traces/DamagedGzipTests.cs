using System.IO.Compression;
using System.Text;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Streaming;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Traces;

/// <summary>A cut-off or damaged .gz trace fails with one message naming the file, through every reader of trace files.</summary>
public sealed class DamagedGzipTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var format in new[] { "numbers", "names", "strace" })
        {
            foreach (var damage in new[] { "cut", "crc", "header" })
            {
                cases.Add(format, damage);
            }
        }

        return cases;
    }

    /// <summary>A few KB of a program's calls in one of the three trace formats.</summary>
    private static string Content(string format) => string.Concat(Enumerable.Range(0, 400).Select(i => format switch
    {
        "numbers" => $"257 5 9 0 {i % 7} 1 3\n",
        "names" => $"openat fstat mmap read {(i % 2 == 0 ? "read" : "write")} close\n",
        _ => $"1234  12:00:{i % 60:00}.000000 read(3, \"{i}\", 4096) = {i % 9}\n",
    }));

    private string DamagedFile(string format, string damage)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Content(format)));
        }

        var bytes = compressed.ToArray();
        switch (damage)
        {
            case "cut":
                bytes = bytes[..(bytes.Length / 2)]; // a copy that stopped half way
                break;
            case "crc":
                bytes[^8] ^= 0xff; // the trailer's CRC-32
                break;
            default:
                bytes[2] = 7; // compression method: not deflate
                break;
        }

        var path = _temp.Combine($"{format}-{damage}.gz");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenADamagedGzipTrace_WhenReadByAnyReader_ThenItFailsNamingTheFile(string format, string damage)
    {
        // Given a gzip trace file that was cut short or damaged
        var path = DamagedFile(format, damage);
        var folderReader = new TraceFolderFileReader(new TraceFolderOptions());

        // Then format detection, the trace-folder reader, score's input reader and the trace-file parser all say so
        var readers = new List<(string Name, Action Read)>
        {
            ("detection", () => TraceFileFormats.Detect(path)),
            ("trace folder", () => folderReader.Read(path, "t").ToArray()),
            ("score input", () => ScoreInputs.FromFile(path, "t", ScStreams.Default, _ => { }).ToArray()),
            ("trace-file parser", () => TraceFileParser.ParseFile(path)),
        };
        if (format == "strace")
        {
            readers.Add(("strace file", () => StraceFile.Read(path)));
        }

        foreach (var (name, read) in readers)
        {
            var error = Assert.ThrowsAny<SyscallBenchException>(read);
            Assert.True(error.Message.StartsWith($"{path}: damaged gzip file", StringComparison.Ordinal), $"{name}: {error.Message}");
        }
    }

    [Fact]
    public void GivenAnIntactGzipTrace_WhenRead_ThenItsContentIsWhole()
    {
        var path = _temp.Combine("intact.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Content("numbers")));
        }

        Assert.Equal(TraceFileParser.Parse(Encoding.UTF8.GetBytes(Content("numbers")), path), TraceFileParser.ParseFile(path));
    }
}
