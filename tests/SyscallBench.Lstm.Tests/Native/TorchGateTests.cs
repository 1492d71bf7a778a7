using SyscallBench.Core.Detection;
using SyscallBench.Lstm.Native;
using SyscallBench.Lstm.Tests.Support;

namespace SyscallBench.Lstm.Tests.Native;

/// <summary>Alone: the gate is process-wide, and a fit of another test class waiting at it would change who gets in when.</summary>
[CollectionDefinition(nameof(TorchGateTests), DisableParallelization = true)]
public sealed class TorchGateCollection;

[Collection(nameof(TorchGateTests))]
public sealed class TorchGateTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    private static async Task<bool> Within(Task task, TimeSpan time) => await Task.WhenAny(task, Task.Delay(time)) == task;

    [Fact]
    public async Task GivenAModelRunning_WhenAnotherRunsOnTheSameThreadCount_ThenBothRunAtOnce()
    {
        // Given
        using var first = TorchGate.Running(threads: 1);

        // When
        var second = Task.Run(() => TorchGate.Running(threads: 1));

        // Then
        Assert.True(await Within(second, Long), "the second run waited for the first");
        (await second).Dispose();
    }

    [Fact]
    public async Task GivenAModelRunning_WhenAnotherAsksForOtherThreads_ThenItWaitsForTheFirst()
    {
        // Given
        var first = TorchGate.Running(threads: 1);

        // When
        var second = Task.Run(() => TorchGate.Running(threads: 2));

        // Then
        Assert.False(await Within(second, Short), "a run on 2 threads started while one on 1 thread ran");
        first.Dispose();
        Assert.True(await Within(second, Long));
        (await second).Dispose();
    }

    [Fact]
    public async Task GivenAModelRunning_WhenSeededWorkArrives_ThenItWaits_AndRunsArrivingLaterWaitBehindIt()
    {
        // Given
        var running = TorchGate.Running(threads: 1);

        // When
        var seeded = Task.Run(() => TorchGate.Seeded(threads: 1));
        Assert.False(await Within(seeded, Short), "seeded work started while a model ran");
        var later = Task.Run(() => TorchGate.Running(threads: 1));

        // Then: the later run does not overtake the waiting seeded work.
        Assert.False(await Within(later, Short), "a run overtook waiting seeded work");
        running.Dispose();
        Assert.True(await Within(seeded, Long));
        Assert.False(await Within(later, Short), "a run started during seeded work");
        (await seeded).Dispose();
        Assert.True(await Within(later, Long));
        (await later).Dispose();
    }

    [Fact]
    public async Task GivenSeededWork_WhenTheSameThreadEntersAgain_ThenItDoesNotWaitForItself()
    {
        // Given
        var seeded = TorchGate.Seeded(threads: 1);

        // When: nested passes on the holder's own thread.
        var again = TorchGate.Seeded(threads: 1);
        var run = TorchGate.Running(threads: 1);

        // Then: reached; and another thread still waits until the outermost pass ends.
        var other = Task.Run(() => TorchGate.Running(threads: 1));
        Assert.False(await Within(other, Short));
        run.Dispose();
        again.Dispose();
        Assert.False(await Within(other, Short), "another thread ran inside the outer seeded pass");
        seeded.Dispose();
        Assert.True(await Within(other, Long));
        (await other).Dispose();
    }

    [Fact]
    public async Task GivenAModelScoring_WhenAnotherIsLoaded_ThenTheLoadDoesNotWaitForTheScoring()
    {
        // Given: a saved model on one thread, and a model running on one thread (as a seed scoring while the
        // next seed's fit ends in its worker and the run loads it).
        var options = new LstmOptions { EmbeddingSize = 4, HiddenSize = 4, MaxEpochs = 1, ValidationFraction = 0, Device = LstmDevice.Cpu, Threads = 1 };
        var directory = Path.Combine(Path.GetTempPath(), "syscallbench-gate-" + Guid.NewGuid().ToString("N"));
        using (var fitted = new LstmDetector("toy", options).FitLstm(CycleTraces.Normals(2), new FitContext(Seed: 1)))
        {
            Directory.CreateDirectory(directory);
            fitted.Save(directory);
        }

        try
        {
            using var scoring = TorchGate.Running(threads: 1);

            // When
            var load = Task.Run(() => FittedLstmDetector.Load(directory));

            // Then
            Assert.True(await Within(load, Long), "the load waited for the scoring");
            (await load).Dispose();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task GivenTwoModels_WhenTheyScoreAtOnce_ThenEachGivesTheScoresItGivesAlone()
    {
        // Given: two fits on one thread, as the seeds of an experiment, and their scores one after another.
        var options = new LstmOptions
        {
            EmbeddingSize = 8, HiddenSize = 16, BatchSize = 4, ChunkLength = 16, MaxEpochs = 2,
            ValidationFraction = 0.25, ScoreBatchSize = 4, Device = LstmDevice.Cpu, Threads = 1,
        };
        var detector = new LstmDetector("toy", options);
        using var a = detector.FitLstm(CycleTraces.Normals(8), new FitContext(Seed: 1));
        using var b = detector.FitLstm(CycleTraces.Normals(8), new FitContext(Seed: 2));
        var probe = CycleTraces.Normals(40).Append(CycleTraces.Anomalous()).ToArray();
        var aloneA = a.ScoreMany(probe).Select(s => s.Value).ToArray();
        var aloneB = b.ScoreMany(probe).Select(s => s.Value).ToArray();

        // When: both at once, several times.
        for (var round = 0; round < 5; round++)
        {
            var atOnceA = Task.Run(() => a.ScoreMany(probe).Select(s => s.Value).ToArray());
            var atOnceB = Task.Run(() => b.ScoreMany(probe).Select(s => s.Value).ToArray());

            // Then
            Assert.Equal(aloneA, await atOnceA);
            Assert.Equal(aloneB, await atOnceB);
        }
    }
}
