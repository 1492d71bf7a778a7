using System.Text;
using SyscallBench.Core.Datasets;

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
}
