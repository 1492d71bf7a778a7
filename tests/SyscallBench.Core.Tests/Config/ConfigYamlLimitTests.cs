using System.Text;
using SyscallBench.Core.Config;

namespace SyscallBench.Core.Tests.Config;

/// <summary>Hostile YAML: nested aliases and deep nesting are refused with their place, not obeyed.</summary>
public sealed class ConfigYamlLimitTests
{
    [Fact]
    public void GivenNestedAliasesThatExpandToBillionsOfValues_WhenParsed_ThenTheyAreRefusedQuicklyWithAPlace()
    {
        // Given the issue's 400-byte "billion laughs": 8 levels of nine aliases each (9^8 = 43M values)
        var yaml = new StringBuilder("name: b\na0: &a0 [x,x,x,x,x,x,x,x,x]\n");
        for (var i = 1; i < 8; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        // When it is parsed
        var error = Assert.Throws<ConfigException>(() => ConfigYaml.Parse(yaml.ToString(), "bomb.yaml"));

        // Then the error names the file, the line of the alias that went over, and the limit
        var message = Assert.Single(error.Errors).ToString();
        Assert.StartsWith("bomb.yaml:7:", message, StringComparison.Ordinal);
        Assert.Contains("100,000 values once its aliases", message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAFewAliases_WhenParsed_ThenTheyAreExpandedAsBefore()
    {
        // Given a shared parameter block used twice
        const string yaml = "a: &p {k: 3}\nb: *p\n";

        // When it is parsed
        var root = Assert.IsType<ConfigMapping>(ConfigYaml.Parse(yaml, "ok.yaml"));

        // Then both keys hold the mapping
        Assert.Equal("3", Assert.IsType<ConfigScalar>(Assert.IsType<ConfigMapping>(root["b"])["k"]).Text);
    }

    [Fact]
    public void GivenAHundredThousandNestedLists_WhenParsed_ThenTheDepthIsRefusedWithAPlaceInsteadOfAStackOverflow()
    {
        // Given the issue's deep.yaml (it ended the process with "Stack overflow.", exit 134)
        const int n = 100_000;
        var yaml = "name: x\ndescription: " + new string('[', n) + new string(']', n) + "\n";

        // When it is parsed
        var error = Assert.Throws<ConfigException>(() => ConfigYaml.Parse(yaml, "deep.yaml"));

        // Then the error points at the first list past the limit
        var message = Assert.Single(error.Errors).ToString();
        Assert.StartsWith($"deep.yaml:2:{13 + ConfigYaml.MaxDepth}: ", message, StringComparison.Ordinal);
        Assert.Contains("nested more than 64 levels", message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNestingAtTheLimit_WhenParsed_ThenItIsAccepted()
    {
        // Given lists nested exactly as deep as allowed (the document's mapping is the first level)
        var depth = ConfigYaml.MaxDepth - 1;
        var yaml = "d: " + new string('[', depth) + new string(']', depth) + "\n";

        // When it is parsed, Then nothing is refused
        Assert.IsType<ConfigMapping>(ConfigYaml.Parse(yaml, "ok.yaml"));
    }

    [Fact]
    public void GivenAnExperimentFileLargerThanTheLimit_WhenRead_ThenItIsRefusedNamingTheFile()
    {
        // Given a file just over the limit
        var path = Path.Combine(Path.GetTempPath(), $"huge-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "name: x\ndescription: " + new string('a', (int)ConfigYaml.MaxFileBytes) + "\n");
        try
        {
            // When it is read
            var reader = new ExperimentConfigReader(Running.TestComponents.Detectors, Running.TestComponents.Datasets);
            var error = Assert.Throws<SyscallBenchException>(() => reader.ReadFile(path));

            // Then the message names the file and the limit
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("1,048,576 bytes", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GivenAnAliasInsideTheValueItNames_WhenParsed_ThenTheCycleIsRefusedWithAPlaceInsteadOfAStackOverflow()
    {
        // Given a list that holds itself (found by the fuzz tests: the process ended with a stack overflow)
        const string yaml = "name: x\na: &x [1, *x]\n";

        // When it is parsed
        var error = Assert.Throws<ConfigException>(() => ConfigYaml.Parse(yaml, "cycle.yaml"));

        // Then
        var message = Assert.Single(error.Errors).ToString();
        Assert.StartsWith("cycle.yaml:2:", message, StringComparison.Ordinal);
        Assert.Contains("*x is inside the value it names", message, StringComparison.Ordinal);
    }
}
