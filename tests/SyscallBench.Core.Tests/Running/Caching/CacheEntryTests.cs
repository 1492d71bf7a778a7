using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.NGram;
using SyscallBench.Core.Running.Caching;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Running.Caching;

/// <summary>Cache entries that another run replaces, or that were changed or cut, never fail a run.</summary>
public sealed class CacheEntryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("syscallbench-cache-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DetectorDescriptor Stide => NGramDetectors.Descriptors.Single(d => d.Type == StideDetector.TypeName);

    private static IFittedDetector FitStide() =>
        new StideDetector("stide", new StideOptions { WindowLength = 3 })
            .Fit([Trace.Normal("a", [1, 2, 3, 4, 5, 1, 2, 3]), Trace.Normal("b", [5, 4, 3, 2, 1])], FitContext.Default);

    [Theory]
    [InlineData(21L)]
    [InlineData(42L)]
    [InlineData(1L)]
    [InlineData(2_987_654_321L)]
    public void GivenAStoredFitTime_WhenLoaded_ThenItIsExactlyTheStoredDurationToTheTick(long ticks)
    {
        // Given fit times whose seconds (ticks / 10^7) multiply back to just below their tick count (21, 42) and others
        var cache = new ModelCache(_folder);
        using var fitted = FitStide();
        cache.Store("k", fitted, TimeSpan.FromTicks(ticks));

        // When the model, or its fit time alone, is loaded
        var loaded = cache.TryLoad("k", Stide);
        using var model = loaded!.Value.Fitted;

        // Then both give the duration that was stored, not one tick less
        Assert.Equal(ticks, loaded.Value.FitTime.Ticks);
        Assert.Equal(ticks, cache.TryLoadFitTime("k")!.Value.Ticks);
    }

    [Fact]
    public void GivenStoredScoreTimes_WhenLoaded_ThenEachIsExactlyTheStoredDuration()
    {
        // Given score times of 1 to 200 ticks (21, 42, 57, ... read back one tick short before)
        var cache = new ScoreCache(_folder);
        for (var ticks = 1L; ticks <= 200; ticks++)
        {
            cache.Store($"s{ticks}", ["t"], [0.5], TimeSpan.FromTicks(ticks), []);

            // When loaded, then the duration is the stored one
            Assert.Equal(ticks, cache.TryLoad($"s{ticks}", ["t"], [])!.Value.ScoreTime.Ticks);
        }
    }

    [Fact]
    public void GivenAnotherRunReplacingAnEntryOverAndOver_WhenLoadedMeanwhile_ThenEveryLoadGivesAWorkingModelOrAMiss()
    {
        // Given a stored model that a `--force` run replaces in a loop (a plain run failed with ".model-cache/<key>/
        // windows.bin: saved window counts are missing" in 2 of 5 rounds)
        var cache = new ModelCache(_folder);
        using var fitted = FitStide();
        cache.Store("k", fitted, TimeSpan.FromSeconds(1));

        // The sides run until each has done enough, not for a fixed time: on a busy machine (CI with other test
        // classes running) a 4-second window once ended with "0 loads, 178 replacements", every load having
        // met an entry mid-replacement. The writer leaves the entry in place for a moment between replacements,
        // as a real `--force` run does between units, so loads that overlap a replacement and loads that do not
        // both happen; the deadline only ends a run that hangs.
        const int enough = 50;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var replaced = 0;
        var loads = 0;
        var writer = new Thread(() =>
        {
            while (!deadline.IsCancellationRequested && (Volatile.Read(ref replaced) < enough || Volatile.Read(ref loads) < enough))
            {
                cache.Store("k", fitted, TimeSpan.FromSeconds(1), replace: true);
                Interlocked.Increment(ref replaced);
                Thread.Sleep(1);
            }
        });

        // When a plain run loads it meanwhile
        writer.Start();
        Exception? failure = null;
        try
        {
            while (!deadline.IsCancellationRequested && (Volatile.Read(ref replaced) < enough || Volatile.Read(ref loads) < enough))
            {
                if (cache.TryLoad("k", Stide) is { } loaded)
                {
                    using var model = loaded.Fitted;
                    Assert.Equal(fitted.Score(Trace.Normal("t", [1, 2, 3, 9])).Value, model.Score(Trace.Normal("t", [1, 2, 3, 9])).Value);
                    Interlocked.Increment(ref loads);
                }
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            deadline.Cancel();
            writer.Join();
        }

        // Then no load failed, and both sides really ran
        Assert.Null(failure);
        Assert.True(loads >= enough && replaced >= enough, $"{loads} loads, {replaced} replacements in 2 minutes");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("NaN")]
    public void GivenAFitTimeThatIsNotANumber_WhenLoaded_ThenTheEntryIsAMissAndIsSetAsideForANewFit(string text)
    {
        // Given a model entry whose fit-seconds.txt was changed
        var cache = new ModelCache(_folder);
        using var fitted = FitStide();
        cache.Store("k", fitted, TimeSpan.FromSeconds(1));
        File.WriteAllText(Path.Combine(_folder, "k", "fit-seconds.txt"), text);

        // When it is loaded
        var loaded = cache.TryLoad("k", Stide);

        // Then it is a miss (the unit is fitted again) and storing again works
        Assert.Null(loaded);
        Assert.Null(cache.TryLoadFitTime("k"));
        cache.Store("k", fitted, TimeSpan.FromSeconds(2));
        using var again = cache.TryLoad("k", Stide)?.Fitted;
        Assert.NotNull(again);
    }

    [Theory]
    [InlineData("{\"x\":")]
    [InlineData("{}")]
    [InlineData("[]")]
    public void GivenAScoreCacheEntryChangedOrCut_WhenLoaded_ThenItIsAMiss(string json)
    {
        // Given a score cache entry that is not one
        var cache = new ScoreCache(_folder);
        File.WriteAllText(Path.Combine(_folder, "k.json"), json);

        // When it is loaded, Then the unit is computed again instead of failing the run
        Assert.Null(cache.TryLoad("k", ["a"], []));
    }
}
