using SyscallBench.Core.Config;
using SyscallBench.Core.Tests.Running;

namespace SyscallBench.Core.Tests.Config;

public sealed class ExperimentConfigReaderTests
{
    private static readonly ExperimentConfigReader Reader = new(TestComponents.Detectors, TestComponents.Datasets);

    private static ConfigException ReadInvalid(string yaml) =>
        Assert.Throws<ConfigException>(() => Reader.Read(yaml, "exp.yaml"));

    [Fact]
    public void GivenAValidConfig_WhenRead_ThenDefaultsAndParametersAreResolved()
    {
        // Given a config that sets one parameter and leaves the rest to defaults
        const string yaml = """
            name: demo
            dataset: {type: inline}
            detectors:
              - name: c1
                type: counting
                params: {bad_syscall: 7, mode: share, weights: [0.5, 2]}
            seeds: [1, 2]
            """;

        // When it is read
        var config = Reader.Read(yaml, "exp.yaml");

        // Then the given values and the defaults are both there
        Assert.Equal("demo", config.Name);
        var options = Assert.IsType<TestComponents.CountingOptions>(config.Detectors.Single().Options);
        Assert.Equal(7, options.BadSyscall);
        Assert.Equal([0.5, 2.0], options.Weights);
        Assert.Equal([1, 2], config.Seeds);
        Assert.Equal([0.001, 0.01, 0.05, 0.1], config.Evaluation.FalseAlarmRates);
        Assert.Equal("results", config.OutputDirectory);
        Assert.True(config.SaveModels);
    }

    [Fact]
    public void GivenSeveralErrors_WhenRead_ThenEveryOneIsReportedAtOnceWithLineColumnAndFieldPath()
    {
        // Given a config with five independent mistakes
        const string yaml = """
            name: demo
            colour: blue
            dataset: {type: inline}
            detectors:
              - name: c1
                type: countng
              - name: c2
                type: counting
                params:
                  bad_syscal: 3
                  mode: loud
            evaluation:
              bootstrap_resamples: many
            """;

        // When it is read
        var error = ReadInvalid(yaml);

        // Then each mistake is named with its place
        var messages = error.Errors.Select(e => e.ToString()).ToArray();
        Assert.Equal(5, error.Errors.Count);
        Assert.Contains(messages, m => m.StartsWith("exp.yaml:2:1: colour: unknown key", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("exp.yaml:6:11: detectors[0].type: unknown detector type 'countng'; valid types: counting", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("exp.yaml:10:7: detectors[1].params.bad_syscal: unknown parameter 'bad_syscal'; valid parameters: bad_syscall, mode, weights", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("exp.yaml:11:13: detectors[1].params.mode: 'loud' is not a valid share | always_fail", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("exp.yaml:13:24: evaluation.bootstrap_resamples: 'many' is not a valid integer", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenAnInvalidOptionValue_WhenRead_ThenTheErrorPointsAtIt()
    {
        // Given a parameter out of range
        const string yaml = """
            name: demo
            dataset: {type: inline}
            detectors:
              - type: counting
                params:
                  bad_syscall: -3
            """;

        // When it is read, then the options' own check is reported at the value
        var error = Assert.Single(ReadInvalid(yaml).Errors);
        Assert.Equal("exp.yaml:6:20: detectors[0].params.bad_syscall: must be at least 0, got -3", error.ToString());
    }

    [Fact]
    public void GivenMissingRequiredParts_WhenRead_ThenTheyAreReported()
    {
        // Given a config with only a description
        var error = ReadInvalid("description: nothing else\n");

        // Then name, dataset and detectors are all reported missing
        var fields = error.Errors.Select(e => e.FieldPath).ToArray();
        Assert.Equal(["name", "dataset", "detectors"], fields);
    }

    [Fact]
    public void GivenDuplicateDetectorNames_WhenRead_ThenTheyAreRejected()
    {
        const string yaml = """
            name: demo
            dataset: {type: inline}
            detectors:
              - {name: same, type: counting}
              - {name: same, type: counting}
            """;
        var error = Assert.Single(ReadInvalid(yaml).Errors);
        Assert.Contains("used twice (first at line 4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnUnknownDatasetType_WhenRead_ThenTheErrorListsTheValidOnes()
    {
        const string yaml = """
            name: demo
            dataset: {type: adfa}
            detectors: [{type: counting}]
            """;
        var error = Assert.Single(ReadInvalid(yaml).Errors);
        Assert.Equal("exp.yaml:2:17: dataset.type: unknown dataset type 'adfa'; valid types: inline", error.ToString());
    }

    [Fact]
    public void GivenBrokenYamlSyntax_WhenRead_ThenTheErrorGivesItsPlace()
    {
        // Given YAML with an unclosed flow mapping
        var error = Assert.Single(ReadInvalid("name: demo\ndataset: {type: inline\ndetectors: []\n").Errors);

        // Then the error says it is not valid YAML and where
        Assert.StartsWith("exp.yaml:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAMissingFile_WhenRead_ThenTheErrorIsClear()
    {
        var error = Assert.Throws<SyscallBenchException>(() => Reader.ReadFile("no/such/experiment.yaml"));
        Assert.Contains("no/such/experiment.yaml: experiment file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenSeveralDatasets_WhenRead_ThenEachGivesOneRunConfig()
    {
        // Given an experiment over two named datasets
        const string yaml = """
            name: demo
            datasets:
              - {name: small, type: inline, params: {normals: 4}}
              - {name: large, type: inline, params: {normals: 40}}
            detectors: [{type: counting}]
            """;

        // When it is read
        var config = Reader.Read(yaml, "exp.yaml");

        // Then each dataset keeps its name and options, and each run's config has exactly one
        Assert.Equal(["small", "large"], config.Datasets.Select(d => d.Name));
        var large = config.ForDataset(config.Datasets[1]);
        Assert.Equal(40, Assert.IsType<TestComponents.InlineDatasetOptions>(large.Dataset.Options).Normals);
        Assert.Throws<InvalidOperationException>(() => config.Dataset);
    }

    [Fact]
    public void GivenDatasetAndDatasetsTogether_WhenRead_ThenTheyAreRejected()
    {
        const string yaml = """
            name: demo
            dataset: {type: inline}
            datasets: [{name: a, type: inline}]
            detectors: [{type: counting}]
            """;
        var error = Assert.Single(ReadInvalid(yaml).Errors);
        Assert.Equal("exp.yaml:3:11: datasets: give either dataset or datasets, not both", error.ToString());
    }

    [Fact]
    public void GivenListedDatasetsWithTheSameName_WhenRead_ThenTheyAreRejected()
    {
        const string yaml = """
            name: demo
            datasets:
              - {type: inline}
              - {name: a, type: inline}
              - {name: a, type: inline}
            detectors: [{type: counting}]
            """;
        var messages = ReadInvalid(yaml).Errors.Select(e => e.ToString()).ToArray();
        Assert.Equal(2, messages.Length);
        Assert.Contains(messages, m => m.StartsWith("exp.yaml:3:5: datasets[0].name: missing", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("datasets[2].name: dataset name 'a' is used twice (first at line 4)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData(".model-cache")]
    public void GivenNamesThatAreNotPlainFolderNames_WhenRead_ThenEachIsRefusedWithItsPlace(string bad)
    {
        // Given an experiment, a dataset and a detector named so that their folders would leave their parent
        var yaml = $$"""
            name: '{{bad}}'
            datasets:
              - {name: '{{bad}}', type: inline}
            detectors:
              - {name: '{{bad}}', type: counting}
            """;

        // When it is read
        var error = ReadInvalid(yaml);

        // Then all three names are refused, each at its line
        var messages = error.Errors.Select(e => e.ToString()).ToArray();
        Assert.Equal(3, messages.Length);
        Assert.Contains(messages, m => m.StartsWith("exp.yaml:1:7: name: ", StringComparison.Ordinal) && m.Contains("must start with a letter", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("exp.yaml:3:", StringComparison.Ordinal) && m.Contains("datasets[0].name", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("exp.yaml:5:", StringComparison.Ordinal) && m.Contains("detectors[0].name", StringComparison.Ordinal));
    }
}
