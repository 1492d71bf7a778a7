using SyscallBench.Core.Config;

namespace SyscallBench.Core.Tests.Config;

public sealed class SnakeCaseTests
{
    [Theory]
    [InlineData("WindowLength", "window_length")]
    [InlineData("Nu", "nu")]
    [InlineData("MaxLfc", "max_lfc")]
    [InlineData("TfIdf", "tf_idf")]
    [InlineData("CacheSizeMb", "cache_size_mb")]
    [InlineData("MaxWindowNll", "max_window_nll")]
    [InlineData("Top5Rate", "top5_rate")]
    [InlineData("HTTPServer", "http_server")]
    public void PascalNamesBecomeYamlNames(string pascal, string expected) =>
        Assert.Equal(expected, SnakeCase.From(pascal));
}
