using System.Text;
using SyscallBench.Core.Streaming;

namespace SyscallBench.Core.Tests.Streaming;

public sealed class StandardInputFormatTests
{
    [Theory]
    [InlineData("1700000000000000000 0 100 httpd 101 read > fd=3\n1700000000000001000 0 100 httpd 101 read < res=0\n", ScoreInputFormat.Sc)]
    [InlineData("\n\n1700000000000000000 0 100 Web Content 101 read > fd=3\n", ScoreInputFormat.Sc)]
    [InlineData("1234 12:00:00.000001 read(3, \"\", 10) = 0\n", ScoreInputFormat.Strace)]
    [InlineData("1234 1700000000.123456 read(3, \"\", 10) = 0\n", ScoreInputFormat.Strace)]
    [InlineData("read(3, \"x > y\", 10) = 0\n", ScoreInputFormat.Strace)]
    [InlineData("", ScoreInputFormat.Strace)]
    public void GivenStandardInput_WhenItsFormatIsDetected_ThenItIsToldByTheFirstNonBlankLine_AndEveryByteIsReadAgain(string text, ScoreInputFormat expected)
    {
        // Given
        var input = new MemoryStream(Encoding.UTF8.GetBytes(text));

        // When
        var (format, replay) = StandardInputFormat.Detect(input, ScoreInputFormat.Auto);

        // Then
        Assert.Equal(expected, format);
        Assert.Equal(text, new StreamReader(replay).ReadToEnd());
    }

    [Fact]
    public void GivenAFormatAsked_WhenDetected_ThenNothingIsRead()
    {
        var input = new MemoryStream(Encoding.UTF8.GetBytes("1234 read(3) = 0\n"));

        var (format, replay) = StandardInputFormat.Detect(input, ScoreInputFormat.Sc);

        Assert.Equal(ScoreInputFormat.Sc, format);
        Assert.Same(input, replay);
        Assert.Equal(0, input.Position);
    }
}
