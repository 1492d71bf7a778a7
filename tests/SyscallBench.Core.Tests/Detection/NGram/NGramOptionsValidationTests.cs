using SyscallBench.Core.Config;
using SyscallBench.Core.Detection.NGram;

namespace SyscallBench.Core.Tests.Detection.NGram;

public class NGramOptionsValidationTests
{
    public static TheoryData<IOptions, string> BadOptions => new()
    {
        { new StideOptions { WindowLength = 0 }, nameof(StideOptions.WindowLength) },
        { new StideOptions { LocalityFrame = 0 }, nameof(StideOptions.LocalityFrame) },
        { new StideOptions { Score = (MismatchScore)7 }, nameof(StideOptions.Score) },
        { new TStideOptions { WindowLength = -3 }, nameof(TStideOptions.WindowLength) },
        { new TStideOptions { RarityThreshold = -0.1 }, nameof(TStideOptions.RarityThreshold) },
        { new TStideOptions { RarityThreshold = 1.5 }, nameof(TStideOptions.RarityThreshold) },
        { new TStideOptions { RarityThreshold = double.NaN }, nameof(TStideOptions.RarityThreshold) },
        { new NGramOptions { Order = 0 }, nameof(NGramOptions.Order) },
        { new NGramOptions { Discount = 0 }, nameof(NGramOptions.Discount) },
        { new NGramOptions { Discount = 1.2 }, nameof(NGramOptions.Discount) },
        { new NGramOptions { K = 0 }, nameof(NGramOptions.K) },
        { new NGramOptions { Window = 0 }, nameof(NGramOptions.Window) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void GivenAnOutOfRangeOption_WhenValidated_ThenExactlyThatPropertyIsReported(IOptions options, string property)
    {
        var errors = options.Validate().ToArray();

        var error = Assert.Single(errors);
        Assert.Equal(property, error.Property);
    }

    [Fact]
    public void GivenDefaults_WhenValidated_ThenThereAreNoErrors()
    {
        Assert.Empty(new StideOptions().Validate());
        Assert.Empty(new TStideOptions().Validate());
        Assert.Empty(new NGramOptions().Validate());
    }

    [Fact]
    public void GivenInvalidOptions_WhenADetectorIsBuiltDirectly_ThenItRefusesWithTheYamlName()
    {
        var error = Assert.Throws<SyscallBenchException>(() => new StideDetector("s", new StideOptions { WindowLength = 0 }));

        Assert.Contains("window_length must be at least 1, got 0", error.Message);
    }

    [Fact]
    public void GivenYamlWithABadValue_WhenBound_ThenTheErrorPointsAtTheValue()
    {
        // Given: window_length: 0 at line 3, column 20
        var location = new SourceLocation("exp.yaml", 3, 20);
        var yaml = new ConfigMapping(
            [new ConfigEntry(new ConfigScalar("window_length", new SourceLocation("exp.yaml", 3, 5)), new ConfigScalar("0", location))],
            new SourceLocation("exp.yaml", 3, 5));
        var errors = new List<ConfigError>();

        // When
        OptionsBinder.Bind<StideOptions>(yaml, "detectors[0].params", errors);

        // Then
        var error = Assert.Single(errors);
        Assert.Equal("detectors[0].params.window_length", error.FieldPath);
        Assert.Equal(location, error.Location);
    }
}
