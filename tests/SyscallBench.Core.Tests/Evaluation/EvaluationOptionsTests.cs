using SyscallBench.Core.Config;
using SyscallBench.Core.Evaluation;

namespace SyscallBench.Core.Tests.Evaluation;

public sealed class EvaluationOptionsTests
{
    private static readonly SourceLocation Here = new("experiment.yaml", 10, 3);

    [Fact]
    public void GivenNoValues_WhenBound_ThenDefaultsAreValid()
    {
        // Given
        var errors = new List<ConfigError>();

        // When
        var options = OptionsBinder.Bind<EvaluationOptions>(null, "evaluation", errors);

        // Then
        Assert.Empty(errors);
        Assert.Equal([0.001, 0.01, 0.05, 0.1], options.FalseAlarmRates);
        Assert.Equal(0.9, options.DetectionRate);
        Assert.Equal(1000, options.BootstrapResamples);
        Assert.Equal(0.95, options.ConfidenceLevel);
        Assert.Equal(12345, options.BootstrapSeed);
    }

    [Fact]
    public void GivenSnakeCaseYamlValues_WhenBound_ThenEveryPropertyIsSet()
    {
        // Given
        var mapping = Mapping(
            ("false_alarm_rates", new ConfigSequence([Scalar("0.02"), Scalar("0.2")], Here)),
            ("detection_rate", Scalar("0.8")),
            ("bootstrap_resamples", Scalar("0")),
            ("confidence_level", Scalar("0.9")),
            ("bootstrap_seed", Scalar("-4")));
        var errors = new List<ConfigError>();

        // When
        var options = OptionsBinder.Bind<EvaluationOptions>(mapping, "evaluation", errors);

        // Then
        Assert.Empty(errors);
        Assert.Equal([0.02, 0.2], options.FalseAlarmRates);
        Assert.Equal(0.8, options.DetectionRate);
        Assert.Equal(0, options.BootstrapResamples);
        Assert.Equal(0.9, options.ConfidenceLevel);
        Assert.Equal(-4, options.BootstrapSeed);
    }

    [Fact]
    public void GivenOutOfRangeValues_WhenBound_ThenEachIsReportedUnderItsYamlName()
    {
        // Given
        var mapping = Mapping(
            ("false_alarm_rates", new ConfigSequence([Scalar("0.05"), Scalar("1")], Here)),
            ("detection_rate", Scalar("0")),
            ("bootstrap_resamples", Scalar("-1")),
            ("confidence_level", Scalar("95")));
        var errors = new List<ConfigError>();

        // When
        OptionsBinder.Bind<EvaluationOptions>(mapping, "evaluation", errors);

        // Then
        Assert.Equal(
            [
                "evaluation.false_alarm_rates",
                "evaluation.detection_rate",
                "evaluation.bootstrap_resamples",
                "evaluation.confidence_level",
            ],
            errors.Select(e => e.FieldPath));
        Assert.Contains("item 2", errors[0].Message);
    }

    [Fact]
    public void GivenEmptyFalseAlarmRates_WhenValidated_ThenAnErrorIsReported()
    {
        // Given
        var options = new EvaluationOptions { FalseAlarmRates = [] };

        // When
        var error = Assert.Single(options.Validate());

        // Then
        Assert.Equal(nameof(EvaluationOptions.FalseAlarmRates), error.Property);
    }

    private static ConfigScalar Scalar(string text) => new(text, Here);

    private static ConfigMapping Mapping(params (string Key, ConfigNode Value)[] entries) =>
        new(entries.Select(e => new ConfigEntry(Scalar(e.Key), e.Value)).ToArray(), Here);

    [Fact]
    public void GivenMoreBootstrapResamplesThanTheLimit_WhenBound_ThenTheValueIsRefusedWithTheLimit()
    {
        // Given a typo that would resample for hours without showing progress
        var errors = new List<ConfigError>();

        // When
        OptionsBinder.Bind<EvaluationOptions>(Mapping(("bootstrap_resamples", Scalar("10000000"))), "evaluation", errors);

        // Then
        var error = Assert.Single(errors);
        Assert.Equal("evaluation.bootstrap_resamples", error.FieldPath);
        Assert.StartsWith("must be at most 100,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTestSetsAsAListOrOneName_WhenBound_ThenTheyAreParsedInOrderAndAnUnknownOrRepeatedOneIsReported()
    {
        // Given a list, a single name, and a list with an unknown and a repeated name
        var errors = new List<ConfigError>();
        var list = OptionsBinder.Bind<EvaluationOptions>(
            Mapping(("test_set", new ConfigSequence([Scalar("distinct"), Scalar("all")], Here))), "evaluation", errors);
        var single = OptionsBinder.Bind<EvaluationOptions>(Mapping(("test_set", Scalar("without_train_copies"))), "evaluation", errors);
        Assert.Empty(errors);

        // When the bad list is bound
        OptionsBinder.Bind<EvaluationOptions>(
            Mapping(("test_set", new ConfigSequence([Scalar("all"), Scalar("unique"), Scalar("all")], Here))), "evaluation", errors);

        // Then the good ones parse in order (the first is the main table's) and the bad one names both problems
        Assert.Equal([TestSetProtocol.Distinct, TestSetProtocol.All], list.TestSets);
        Assert.Equal([TestSetProtocol.WithoutTrainCopies], single.TestSets);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("evaluation.test_set", e.FieldPath));
        Assert.Contains("unknown test set 'unique'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("lists 'all' twice", errors[1].Message, StringComparison.Ordinal);
    }
}
