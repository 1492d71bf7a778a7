using SyscallBench.Core.Config;
using SyscallBench.Core.Detection.Selection;
using SyscallBench.Core.Export;
using SyscallBench.Core.Running.Caching;
using SyscallBench.Core.Tests.Running;

namespace SyscallBench.Core.Tests.Config;

public sealed class SelectConfigTests
{
    private static readonly ExperimentConfigReader Reader = new(TestComponents.Detectors, TestComponents.Datasets);

    private static ExperimentConfig Read(string detectors) => Reader.Read(Yaml(detectors), "exp.yaml");

    private static IReadOnlyList<ConfigError> Errors(string detectors) =>
        Assert.Throws<ConfigException>(() => Reader.Read(Yaml(detectors), "exp.yaml")).Errors;

    private static string Yaml(string detectors) => "name: select\ndataset: {type: inline}\ndetectors:\n" + detectors;

    [Fact]
    public void GivenAGridWithSelect_WhenRead_ThenItIsOneDetectorUnderTheEntrysNameHoldingTheVariants()
    {
        // Given a grid entry with a select block, and a plain detector after it
        var config = Read("""
              - name: c
                type: fixed
                params: {mode: share}
                grid: {bad_syscall: [3, 7]}
                select: {holdout_fraction: 0.3}
              - {name: plain, type: counting}
            """);

        // Then the experiment has two detectors; the first chooses among two named variants
        Assert.Equal(["c", "plain"], config.Detectors.Select(d => d.Name));
        var selection = config.Detectors[0];
        Assert.Equal("fixed", selection.Type);
        Assert.Null(selection.Sweep);
        Assert.Equal(["c.bad_syscall=3", "c.bad_syscall=7"], selection.Variants!.Select(v => v.Name));
        Assert.Equal(0.3, ((SelectOptions)selection.Options).HoldoutFraction);
        Assert.Equal(SelectionCriterion.Auto, ((SelectOptions)selection.Options).Criterion);
        Assert.True(selection.Descriptor.IsDeterministic); // the variants' type is
        Assert.IsType<SelectingDetector>(selection.Create());
    }

    [Fact]
    public void GivenASelection_WhenItsResolvedConfigIsReadBack_ThenTheSameVariantsAndSelectBlockResult()
    {
        // Given a read selection
        var config = Read("""
              - name: c
                type: counting
                grid: {bad_syscall: "2..4"}
                select: {criterion: synthetic_anomalies, segment_length: 5}
            """);

        // When written as config.yaml and read again
        var yaml = ConfigExporter.ToYaml(config);
        var again = Reader.Read(yaml, "config.yaml");

        // Then the selection is the same, down to the model cache key
        Assert.Contains("select:", yaml, StringComparison.Ordinal);
        var (first, second) = (config.Detectors.Single(), again.Detectors.Single());
        Assert.Equal(first.Variants!.Select(v => v.Name), second.Variants!.Select(v => v.Name));
        Assert.Equal(OptionsSchema.Canonical(first.Options), OptionsSchema.Canonical(second.Options));
        Assert.Equal(ModelCache.Key(first, config.Detectors, 1, "train", "v"), ModelCache.Key(second, again.Detectors, 1, "train", "v"));
    }

    [Fact]
    public void GivenSelectionsOverDifferentGrids_WhenKeyed_ThenTheyDoNotShareACachedModel()
    {
        var narrow = Read("  - {name: c, type: counting, grid: {bad_syscall: [2, 3]}, select: {}}\n").Detectors;
        var wide = Read("  - {name: c, type: counting, grid: {bad_syscall: [2, 3, 4]}, select: {}}\n").Detectors;

        Assert.NotEqual(ModelCache.Key(narrow[0], narrow, 1, "train", "v"), ModelCache.Key(wide[0], wide, 1, "train", "v"));
    }

    [Fact]
    public void GivenSelectWithoutGrid_WhenRead_ThenTheErrorSaysToAddAGrid()
    {
        var error = Assert.Single(Errors("  - {name: c, type: counting, select: {}}\n"));

        Assert.Equal("detectors[0].select", error.FieldPath);
        Assert.Equal("select: chooses among the variants of a grid: add grid: {parameter: [values]} to this detector", error.Message);
    }

    [Fact]
    public void GivenHeldOutLikelihoodForADetectorThatIsNoLanguageModel_WhenRead_ThenTheErrorNamesTheCriterion()
    {
        var error = Assert.Single(Errors("  - {name: c, type: counting, grid: {bad_syscall: [2, 3]}, select: {criterion: heldout_likelihood}}\n"));

        Assert.Equal("detectors[0].select.criterion", error.FieldPath);
        Assert.StartsWith("heldout_likelihood needs a language model", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{holdout_fraction: 1}", "detectors[0].select.holdout_fraction")]
    [InlineData("{segment_length: 0}", "detectors[0].select.segment_length")]
    [InlineData("{criterion: best_on_test}", "detectors[0].select.criterion")]
    [InlineData("{holdout: 0.2}", "detectors[0].select.holdout")]
    public void GivenABadSelectBlock_WhenRead_ThenTheErrorNamesItsField(string select, string field)
    {
        var errors = Errors($"  - {{name: c, type: counting, grid: {{bad_syscall: [2, 3]}}, select: {select}}}\n");

        Assert.Contains(errors, e => e.FieldPath == field);
    }

    [Fact]
    public void GivenSelectOnAnEnsemble_WhenRead_ThenItIsRefused()
    {
        var errors = Errors("""
              - {name: a, type: counting}
              - {name: b, type: counting, params: {bad_syscall: 3}}
              - {name: e, type: ensemble, params: {members: [a, b]}, grid: {method: [robust, mean_z]}, select: {}}
            """);

        Assert.Contains(errors, e => e.FieldPath == "detectors[2].select" && e.Message.Contains("builds on other detectors", StringComparison.Ordinal));
    }
}
