using SyscallBench.Core.Streaming;

namespace SyscallBench.Core.Tests.Streaming;

public sealed class CalibrationCacheTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("syscallbench-calibration-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void GivenAModelFolder_WhenTheWindowTheCalibrationTracesOrTheModelChange_ThenTheKeyChanges()
    {
        // Given a model folder
        var model = Path.Combine(_temp, "model");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "detector.json"), "{\"type\":\"stide\"}");
        var spec = new WindowSpec(100, null);
        var key = CalibrationCache.Key(model, spec, "dataset abc", "1.0+abc");

        // Then the same inputs give the same key, and each change gives another
        Assert.Equal(key, CalibrationCache.Key(model, new WindowSpec(100, null), "dataset abc", "1.0+abc"));
        Assert.NotEqual(key, CalibrationCache.Key(model, new WindowSpec(50, null), "dataset abc", "1.0+abc"));
        Assert.NotEqual(key, CalibrationCache.Key(model, new WindowSpec(100, null, ContextCalls: 8), "dataset abc", "1.0+abc"));
        Assert.NotEqual(key, CalibrationCache.Key(model, spec, "dataset abd", "1.0+abc"));
        Assert.NotEqual(key, CalibrationCache.Key(model, spec, "dataset abc", "1.0+abd")); // another build's code
        File.WriteAllText(Path.Combine(model, "windows.bin"), "x");
        Assert.NotEqual(key, CalibrationCache.Key(model, spec, "dataset abc", "1.0+abc"));
    }

    [Fact]
    public void GivenAStoredCalibration_WhenLoaded_ThenItIsTheSame()
    {
        var cache = new CalibrationCache(Path.Combine(_temp, "cache"));
        Assert.Null(cache.TryLoad("k"));
        cache.Store("k", new WindowCalibration("the normals", "100 calls", 3, 300, [0, 0.5, 1]));
        var back = cache.TryLoad("k")!;
        Assert.Equal(("the normals", "100 calls", 3, 300L), (back.Source, back.Window, back.Traces, back.Calls));
        Assert.Equal([0, 0.5, 1], back.Scores);
    }

    [Theory]
    [InlineData("{\"source\": \"the normals\", \"window\": \"100 ca")]
    [InlineData("{}")]
    [InlineData("null")]
    public void GivenAnEntryThatCannotBeRead_WhenLoaded_ThenItIsMissingSoItIsComputedAgain(string damaged)
    {
        var cache = new CalibrationCache(Path.Combine(_temp, "cache"));
        cache.Store("k", new WindowCalibration("the normals", "100 calls", 3, 300, [0, 0.5, 1]));
        File.WriteAllText(Path.Combine(cache.Directory, "k.json"), damaged);

        Assert.Null(cache.TryLoad("k"));
    }
}
