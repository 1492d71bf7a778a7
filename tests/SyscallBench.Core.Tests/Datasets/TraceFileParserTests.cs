using System.IO.Compression;
using System.Text;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Datasets;

public sealed class TraceFileParserTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>About three chunks of numbers and names with every separator, a byte order mark, and lines of varying length.</summary>
    private static string LongText(bool names)
    {
        var random = new Random(7);
        var text = new StringBuilder("\uFEFF");
        for (var i = 0; text.Length < 3 * TraceFileParser.ChunkBytes; i++)
        {
            text.Append(names ? (random.Next(3) switch { 0 => "openat", 1 => "read", _ => "close" }) : random.Next(400).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(random.Next(9) switch { 0 => "\r\n", 1 => "\t", 2 => "\n", 3 => "  ", _ => " " });
        }

        return text.ToString();
    }

    private string Write(string name, string text, bool gzip = false)
    {
        var path = _temp.Combine(name);
        using var file = File.Create(path);
        using Stream target = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        target.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void GivenAFileOfSeveralChunks_WhenParsedFromTheFile_ThenItReadsWhatParsingItsBytesReads(bool names, bool gzip)
    {
        // Given a file longer than the parser's chunk, tokens cut by the chunk ends, plain or gzip-compressed
        var text = LongText(names);
        var path = Write(gzip ? "t.txt.gz" : "t.txt", text, gzip);

        // When
        var fromFile = names ? TraceFileParser.ParseNamesFile(path, SyscallNames.X86_64) : TraceFileParser.ParseFile(path);

        // Then
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(names ? TraceFileParser.ParseNames(bytes, "t.txt", SyscallNames.X86_64) : TraceFileParser.Parse(bytes, "t.txt"), fromFile);
    }

    [Fact]
    public void GivenABadTokenInTheLastChunk_WhenParsedFromTheFile_ThenTheErrorNamesItsLineAsParsingTheBytesDoes()
    {
        // Given a bad token after lines spread over several chunks
        var text = LongText(names: false) + "\n1 2 x9 3\n";
        var path = Write("t.txt", text);

        // When
        var fromFile = Assert.Throws<DatasetException>(() => TraceFileParser.ParseFile(path));

        // Then the line is the same, counted across the chunks
        var fromBytes = Assert.Throws<DatasetException>(() => TraceFileParser.Parse(Encoding.UTF8.GetBytes(text), path));
        Assert.Equal(fromBytes.Message, fromFile.Message);
        Assert.Contains("x9", fromFile.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenATokenLongerThanAChunk_WhenParsedFromTheFile_ThenItIsALocatedError()
    {
        var path = Write("t.txt", "1 2\n" + new string('7', TraceFileParser.ChunkBytes + 10));

        var error = Assert.Throws<DatasetException>(() => TraceFileParser.ParseFile(path));

        Assert.StartsWith($"{path}:2: a token of more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenALongTraceFile_WhenParsedFromTheFile_ThenItIsNeverReadWhole()
    {
        // Given a file of a million calls (about 2.9 MB; the 1 GB trace of issue #18 was read whole, then parsed)
        const int calls = 1_000_000;
        var path = Write("long.txt", string.Join(' ', Enumerable.Range(0, calls).Select(i => i % 300)));
        TraceFileParser.ParseFile(Write("warm-up.txt", "1 2 3"));

        // When
        var before = GC.GetAllocatedBytesForCurrentThread();
        var parsed = TraceFileParser.ParseFile(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then the result and the read buffers are all that was allocated, not the file's 2.9 MB
        Assert.Equal(calls, parsed.Length);
        Assert.InRange(allocated, calls * sizeof(int), (calls * sizeof(int)) + (512 * 1024));
    }

    private static int[] Parse(string text) => TraceFileParser.Parse(Encoding.UTF8.GetBytes(text), "t.txt");

    [Theory]
    [InlineData("6 11 45 33 ", new[] { 6, 11, 45, 33 })]
    [InlineData("6\t11\r\n45\n\n33", new[] { 6, 11, 45, 33 })]
    [InlineData("\uFEFF0 065535", new[] { 0, 65535 })]
    [InlineData("  7  ", new[] { 7 })]
    public void GivenWhitespaceSeparatedNumbers_WhenParsed_ThenEveryNumberIsReadInOrder(string text, int[] expected) =>
        Assert.Equal(expected, Parse(text));

    [Fact]
    public void GivenALongTrace_WhenParsed_ThenOnlyTheResultIsAllocated()
    {
        // Given a million calls (the 1 GB trace of issue #18 scaled down): a doubling scratch buffer, then a
        // copy of it, allocated about three times the result.
        const int calls = 1_000_000;
        var bytes = Encoding.ASCII.GetBytes(string.Join(' ', Enumerable.Range(0, calls).Select(i => i % 300)));
        TraceFileParser.Parse("1 2"u8, "warm-up.txt");

        // When
        var before = GC.GetAllocatedBytesForCurrentThread();
        var parsed = TraceFileParser.Parse(bytes, "long.txt");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then the calls are read, and the one int array holding them is nearly all that was allocated
        Assert.Equal(calls, parsed.Length);
        Assert.Equal(299, parsed[299]);
        Assert.InRange(allocated, calls * sizeof(int), (calls * sizeof(int)) + 1024);
    }

    [Fact]
    public void GivenABinaryToken_WhenParsed_ThenTheReportedTokenIsCutShort()
    {
        var error = Assert.Throws<DatasetException>(() => Parse("1 " + new string('x', 500)));

        Assert.Equal($"t.txt:1: not a syscall number (expected a non-negative integer) (token '{new string('x', 40)}')", error.Message);
    }

    [Fact]
    public void GivenWhitespaceSeparatedNames_WhenParsed_ThenEachIsNumberedByTheTableInOrder()
    {
        // _llseek is an x86-32 name: x86-64 does not know it, so it gets its stable unknown-name id.
        var calls = TraceFileParser.ParseNames(Encoding.UTF8.GetBytes("\uFEFFopen read\r\nclose\t_llseek  "), "t.txt", SyscallNames.X86_64);

        Assert.Equal([2, 0, 3, SyscallNames.UnknownNameId("_llseek")], calls);
    }

    [Theory]
    [InlineData("open\nread(", 2, "read(")]
    [InlineData("open 9p", 1, "9p")]
    [InlineData("open r\u00e9ad", 1, "r\u00e9ad")]
    public void GivenATokenThatIsNoName_WhenParsedAsNames_ThenTheErrorNamesFileLineAndToken(string text, int line, string token)
    {
        var error = Assert.Throws<DatasetException>(() => TraceFileParser.ParseNames(Encoding.UTF8.GetBytes(text), "t.txt", SyscallNames.X86_64));

        Assert.Equal($"t.txt:{line}: not a syscall name (expected letters, digits and '_', not starting with a digit) (token '{token}')", error.Message);
    }

    [Fact]
    public void GivenNoNames_WhenParsedAsNames_ThenTheTraceIsEmpty() =>
        Assert.Equal("t.txt: empty trace (no syscall names in the file).",
            Assert.Throws<DatasetException>(() => TraceFileParser.ParseNames(" \n "u8, "t.txt", SyscallNames.X86_64)).Message);
}
