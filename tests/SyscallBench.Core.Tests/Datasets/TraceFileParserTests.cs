using System.Text;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Datasets;

public sealed class TraceFileParserTests
{
    private static int[] Parse(string text) => new TraceFileParser().Parse(Encoding.UTF8.GetBytes(text), "t.txt");

    [Theory]
    [InlineData("6 11 45 33 ", new[] { 6, 11, 45, 33 })]
    [InlineData("6\t11\r\n45\n\n33", new[] { 6, 11, 45, 33 })]
    [InlineData("\uFEFF0 065535", new[] { 0, 65535 })]
    [InlineData("  7  ", new[] { 7 })]
    public void GivenWhitespaceSeparatedNumbers_WhenParsed_ThenEveryNumberIsReadInOrder(string text, int[] expected) =>
        Assert.Equal(expected, Parse(text));

    [Fact]
    public void GivenOneParserReusedForManyFiles_WhenParsed_ThenEachResultIsIndependent()
    {
        // Given: a long file grows the scratch buffer, then a short one must not see leftovers.
        var parser = new TraceFileParser();
        var longTrace = string.Join(' ', Enumerable.Range(0, 10_000).Select(i => i % 300));

        // When
        var first = parser.Parse(Encoding.ASCII.GetBytes(longTrace), "long.txt");
        var second = parser.Parse("5 6"u8, "short.txt");

        // Then
        Assert.Equal(10_000, first.Length);
        Assert.Equal(299, first[299]);
        Assert.Equal([5, 6], second);
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
        var calls = new TraceFileParser().ParseNames(Encoding.UTF8.GetBytes("\uFEFFopen read\r\nclose\t_llseek  "), "t.txt", SyscallNames.X86_64);

        Assert.Equal([2, 0, 3, SyscallNames.UnknownNameId("_llseek")], calls);
    }

    [Theory]
    [InlineData("open\nread(", 2, "read(")]
    [InlineData("open 9p", 1, "9p")]
    [InlineData("open r\u00e9ad", 1, "r\u00e9ad")]
    public void GivenATokenThatIsNoName_WhenParsedAsNames_ThenTheErrorNamesFileLineAndToken(string text, int line, string token)
    {
        var error = Assert.Throws<DatasetException>(() => new TraceFileParser().ParseNames(Encoding.UTF8.GetBytes(text), "t.txt", SyscallNames.X86_64));

        Assert.Equal($"t.txt:{line}: not a syscall name (expected letters, digits and '_', not starting with a digit) (token '{token}')", error.Message);
    }

    [Fact]
    public void GivenNoNames_WhenParsedAsNames_ThenTheTraceIsEmpty() =>
        Assert.Equal("t.txt: empty trace (no syscall names in the file).",
            Assert.Throws<DatasetException>(() => new TraceFileParser().ParseNames(" \n "u8, "t.txt", SyscallNames.X86_64)).Message);
}
