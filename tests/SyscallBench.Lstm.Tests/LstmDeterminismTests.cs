using SyscallBench.Core.Detection;
using SyscallBench.Lstm.Tests.Support;

namespace SyscallBench.Lstm.Tests;

public sealed class LstmDeterminismTests
{
    [Fact]
    public void GivenTheSameSeed_WhenFittedTwice_ThenScoresAreIdentical_AndAnotherSeedDiffers()
    {
        // Given
        var shortRun = new LstmOptions
        {
            EmbeddingSize = 8, HiddenSize = 16, BatchSize = 4, ChunkLength = 16,
            MaxEpochs = 2, Dropout = 0.1, ValidationFraction = 0.25, Device = LstmDevice.Cpu,
        };
        var detector = new LstmDetector("toy", shortRun);
        var normals = CycleTraces.Normals(8);
        var probe = CycleTraces.Normals(3).Append(CycleTraces.Anomalous()).ToArray();

        // When
        using var first = detector.FitLstm(normals, new FitContext(Seed: 3));
        using var second = detector.FitLstm(normals, new FitContext(Seed: 3));
        using var other = detector.FitLstm(normals, new FitContext(Seed: 4));

        // Then
        var a = first.ScoreMany(probe).Select(s => s.Value).ToArray();
        Assert.Equal(a, second.ScoreMany(probe).Select(s => s.Value));
        Assert.NotEqual(a, other.ScoreMany(probe).Select(s => s.Value));
    }

    [Fact]
    public void GivenAFittedDetector_WhenDisposedTwice_ThenNothingThrows()
    {
        // Given
        var options = new LstmOptions { EmbeddingSize = 4, HiddenSize = 4, MaxEpochs = 1, ValidationFraction = 0, Device = LstmDevice.Cpu };
        var fitted = new LstmDetector("toy", options).Fit(CycleTraces.Normals(2), FitContext.Default);

        // When
        fitted.Dispose();
        var again = Record.Exception(fitted.Dispose);

        // Then
        Assert.Null(again);
    }

    [Fact]
    public void GivenAnotherThreadLoadingSavedModels_WhenFitted_ThenScoresEqualAFitWithNothingElseRunning()
    {
        // Given a fit alone, and a saved model that another thread loads over and over during a second fit
        // (the "same seed, different scores under load": loads drew from libtorch's global
        // generator in the middle of the fit's seeded sequence)
        var options = new LstmOptions
        {
            EmbeddingSize = 8, HiddenSize = 16, BatchSize = 4, ChunkLength = 16,
            MaxEpochs = 3, Dropout = 0.2, ValidationFraction = 0.25, Device = LstmDevice.Cpu,
        };
        var detector = new LstmDetector("toy", options);
        var normals = CycleTraces.Normals(8);
        var probe = CycleTraces.Normals(3).Append(CycleTraces.Anomalous()).ToArray();
        var folder = Directory.CreateTempSubdirectory("lstm-determinism-").FullName;
        try
        {
            double[] alone;
            using (var fitted = detector.FitLstm(normals, new FitContext(Seed: 5)))
            {
                alone = fitted.ScoreMany(probe).Select(s => s.Value).ToArray();
                fitted.Save(folder);
            }

            // When the same fit runs while models are loaded on another thread
            using var stop = new CancellationTokenSource();
            var loads = 0;
            var loader = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    FittedLstmDetector.Load(folder).Dispose();
                    loads++;
                }
            });
            loader.Start();
            double[] concurrent;
            try
            {
                using var fitted = detector.FitLstm(normals, new FitContext(Seed: 5));
                concurrent = fitted.ScoreMany(probe).Select(s => s.Value).ToArray();
            }
            finally
            {
                stop.Cancel();
                loader.Join();
            }

            // Then the scores are the same to the last bit
            Assert.True(loads > 0, "the loader never ran during the fit");
            Assert.Equal(alone, concurrent);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
