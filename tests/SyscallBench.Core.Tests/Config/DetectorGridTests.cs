using SyscallBench.Core.Config;
using SyscallBench.Core.Export;
using SyscallBench.Core.Tests.Running;

namespace SyscallBench.Core.Tests.Config;

public sealed class DetectorGridTests
{
    private static readonly ExperimentConfigReader Reader = new(TestComponents.Detectors, TestComponents.Datasets);

    private static ExperimentConfig Read(string detectors) => Reader.Read(Yaml(detectors), "exp.yaml");

    private static IReadOnlyList<ConfigError> Errors(string detectors) =>
        Assert.Throws<ConfigException>(() => Reader.Read(Yaml(detectors), "exp.yaml")).Errors;

    private static string Yaml(string detectors) => "name: sweep\ndataset: {type: inline}\ndetectors:\n" + detectors;

    [Fact]
    public void GivenAGridList_WhenRead_ThenOneNamedVariantPerValueWithTheOtherParamsKept()
    {
        var config = Read("""
              - name: c
                type: counting
                params: {mode: share, weights: [0.5, 2]}
                grid: {bad_syscall: [3, 7, 99]}
              - {name: plain, type: counting}
            """);

        Assert.Equal(["c.bad_syscall=3", "c.bad_syscall=7", "c.bad_syscall=99", "plain"], config.Detectors.Select(d => d.Name));
        var variants = config.Detectors.Take(3).ToArray();
        Assert.Equal([3, 7, 99], variants.Select(v => ((TestComponents.CountingOptions)v.Options).BadSyscall));
        Assert.All(variants, v => Assert.Equal([0.5, 2.0], ((TestComponents.CountingOptions)v.Options).Weights));
        Assert.Equal("c", variants[1].Sweep!.Family);
        Assert.Equal([KeyValuePair.Create("bad_syscall", "7")], variants[1].Sweep!.Values);
        Assert.Null(config.Detectors[3].Sweep);
    }

    [Fact]
    public void GivenTwoParametersAndARange_WhenRead_ThenTheCartesianProductFirstParameterSlowest()
    {
        var config = Read("""
              - name: c
                type: counting
                grid: {bad_syscall: "2..4", mode: [share, always_fail]}
            """);

        Assert.Equal(
            ["c.bad_syscall=2.mode=share", "c.bad_syscall=2.mode=always_fail", "c.bad_syscall=3.mode=share",
             "c.bad_syscall=3.mode=always_fail", "c.bad_syscall=4.mode=share", "c.bad_syscall=4.mode=always_fail"],
            config.Detectors.Select(d => d.Name));
        Assert.Equal(TestComponents.Mode.AlwaysFail, ((TestComponents.CountingOptions)config.Detectors[5].Options).Mode);
    }

    [Fact]
    public void GivenAnUnknownGridParameter_WhenRead_ThenOneErrorAtTheGridKeyListsTheValidOnes()
    {
        var errors = Errors("""
              - name: c
                type: counting
                grid: {bad_syscall: [1, 2], windw: [3, 4]}
            """);

        var error = Assert.Single(errors);
        Assert.Equal(new SourceLocation("exp.yaml", 6, 33), error.Location);
        Assert.Equal("detectors[0].grid.windw", error.FieldPath);
        Assert.Equal("unknown parameter 'windw'; valid parameters: bad_syscall, mode, weights", error.Message);
    }

    [Fact]
    public void GivenAnInvalidGridValue_WhenRead_ThenTheErrorPointsAtThatValueWithTheBindersMessage()
    {
        var errors = Errors("""
              - name: c
                type: counting
                grid:
                  bad_syscall: [1, -5, 2]
                  mode: [share, sometimes]
            """);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Location == new SourceLocation("exp.yaml", 8, 21) && e.FieldPath == "detectors[0].grid.mode"
            && e.Message == "'sometimes' is not a valid share | always_fail");
        Assert.Contains(errors, e => e.Location == new SourceLocation("exp.yaml", 7, 24) && e.FieldPath == "detectors[0].grid.bad_syscall"
            && e.Message == "must be at least 0, got -5");
    }

    [Theory]
    [InlineData("params: {bad_syscall: 3}\n    grid: {bad_syscall: [1, 2]}", "'bad_syscall' is given in both params and grid; keep one")]
    [InlineData("grid: {weights: [1, 2]}", "'weights' is a list parameter (list of numbers); a grid sweeps single-value parameters")]
    [InlineData("grid: {bad_syscall: []}", "give at least one value")]
    [InlineData("grid: {bad_syscall: \"5..2\"}", "'5..2' is not a range FIRST..LAST of integers with FIRST <= LAST and at most 1000 values")]
    [InlineData("grid: {bad_syscall: [[1, 2]]}", "each grid value must be a single value")]
    [InlineData("grid: [1, 2]", "give a mapping of parameter: [values], e.g. grid: {window_length: [3, 4, 6]}")]
    [InlineData("grid: {bad_syscall: [1, 1]}", "detector name 'c.bad_syscall=1' is used twice (first at line 4); names must be unique")]
    public void GivenABadGrid_WhenRead_ThenAClearError(string entry, string message)
    {
        var errors = Errors($"  - name: c\n    type: counting\n    {entry}\n");

        Assert.Contains(errors, e => e.Message == message && e.Location.File == "exp.yaml" && e.Location.Line >= 4);
    }

    [Fact]
    public void GivenASweep_WhenTheResolvedConfigIsReadBack_ThenTheSameVariantsWithTheSameOptions()
    {
        var config = Read("""
              - {name: before, type: counting}
              - name: c
                type: counting
                params: {weights: [0.25]}
                grid: {bad_syscall: "1..3", mode: [always_fail, share]}
              - {name: after, type: counting, params: {bad_syscall: 4}}
            """);

        var yaml = ConfigExporter.ToYaml(config);
        var reread = Reader.Read(yaml, "config.yaml");

        Assert.Contains("grid:", yaml, StringComparison.Ordinal);
        Assert.Equal(config.Detectors.Select(Describe), reread.Detectors.Select(Describe));
    }

    private static string Describe(DetectorSpec spec) =>
        $"{spec.Name} {spec.Sweep?.Family} {string.Join(",", spec.Sweep?.Values ?? [])}\n{OptionsSchema.Canonical(spec.Options)}";
}
