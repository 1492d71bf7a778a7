
namespace SyscallBench.Lstm.Tests;

public sealed class LstmOptionsTests
{
    [Fact]
    public void GivenTheDefaults_WhenValidated_ThenThereAreNoErrors() =>
        Assert.Empty(new LstmOptions().Validate());

    [Fact]
    public void GivenOutOfRangeValues_WhenValidated_ThenEachIsNamed()
    {
        // Given
        var options = new LstmOptions { HiddenSize = 0, Dropout = 1.0, LearningRate = 0, ValidationFraction = -0.1 };

        // When
        var errors = options.Validate().Select(e => e.Property).ToArray();

        // Then
        Assert.Equal(new[] { nameof(LstmOptions.HiddenSize), nameof(LstmOptions.Dropout), nameof(LstmOptions.LearningRate),
            nameof(LstmOptions.ValidationFraction) }, errors);
    }

    [Fact]
    public void GivenTheDescriptor_WhenDescribed_ThenYamlNamesIncludeScoreVariantsAndDevice()
    {
        // When
        var lstm = LstmDetectors.Descriptors.Single(d => d.Type == LstmDetector.TypeName);
        var parameters = lstm.Parameters.ToDictionary(p => p.YamlName);

        // Then
        Assert.Equal("mean_nll | max_window_nll | topk_miss_rate | quantile_nll | last_nll", parameters["score"].TypeName);
        Assert.Equal("0.5", parameters["quantile"].DefaultText);
        Assert.Equal("auto | cpu | cuda", parameters["device"].TypeName);
        Assert.Equal("constant | cosine", parameters["learning_rate_schedule"].TypeName);
        Assert.Equal("constant", parameters["learning_rate_schedule"].DefaultText);
        Assert.Equal(["lstm", "transformer"], LstmDetectors.Descriptors.Select(d => d.Type));
    }

    [Fact]
    public void GivenOnlyEmptyTraces_WhenFitted_ThenAUserErrorNamesTheDetector()
    {
        // Given
        var detector = new LstmDetector("lstm-small", new LstmOptions { Device = LstmDevice.Cpu });

        // When
        var error = Assert.Throws<Core.SyscallBenchException>(() =>
            detector.Fit([Core.Traces.Trace.Normal("empty", [])], Core.Detection.FitContext.Default));

        // Then
        Assert.Contains("lstm-small", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAMinimumCallCount_WhenTheVocabularyIsFitted_ThenRarerSyscallsMapToTheUnknownToken()
    {
        // Given: syscall 7 three times, 8 twice, 9 once.
        Core.Traces.Trace[] traces = [Core.Traces.Trace.Normal("a", [7, 7, 8, 9]), Core.Traces.Trace.Normal("b", [7, 8])];

        // When
        var vocabulary = LanguageModelFitting.FitVocabulary(traces, minCount: 2);

        // Then
        Assert.Equal(new[] { 7, 8 }, vocabulary.KnownSyscalls);
        Assert.Equal(Core.Traces.Vocabulary.UnknownIndex, vocabulary.IndexOf(9));
    }
}
