using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Tests.Support;

namespace SyscallBench.Lstm.Tests;

public sealed class LstmDetectorTests(ToyModelFixture toy) : IClassFixture<ToyModelFixture>
{
    [Fact]
    public void GivenToyNormals_WhenFitted_ThenTrainingAndValidationLossDecrease()
    {
        // Given / When: the fixture's fit.
        var epochs = toy.Detector.Summary.Epochs;

        // Then
        Assert.True(epochs.Count >= 2);
        Assert.True(epochs[^1].TrainLoss < epochs[0].TrainLoss / 2, $"train loss {epochs[0].TrainLoss} -> {epochs[^1].TrainLoss}");
        Assert.True(toy.Detector.Summary.BestValidationLoss < epochs[0].ValidationLoss);
    }

    [Fact]
    public void GivenToyNormals_WhenFitted_ThenEachEpochReportsLossesSpeedAndEta()
    {
        // Then: one report per epoch, fractions rising, with the promised fields.
        Assert.Equal(toy.Detector.Summary.Epochs.Count, toy.Progress.Count);
        Assert.Equal(toy.Progress.Select(p => p.Fraction).Order(), toy.Progress.Select(p => p.Fraction));
        Assert.All(toy.Progress, p =>
        {
            Assert.Contains("train loss", p.Status, StringComparison.Ordinal);
            Assert.Contains("val loss", p.Status, StringComparison.Ordinal);
            Assert.Contains("syscalls/s", p.Status, StringComparison.Ordinal);
            Assert.Contains("ETA", p.Status, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void GivenTheDeterministicCycle_WhenPredictingAfterAPrefix_ThenTheNextCallIsNearlyCertain()
    {
        // Given: open read read write close ... the prefix "open read read" is always followed by write (4).
        int[] prefix = [5, 3, 3];

        // When
        var predictions = toy.Detector.PredictNext(prefix, k: 3);

        // Then
        Assert.Equal(3, predictions.Count);
        Assert.Equal(4, predictions[0].Syscall);
        Assert.True(predictions[0].Probability > 0.9, $"p(write) = {predictions[0].Probability}");
        Assert.True(predictions[0].Probability >= predictions[1].Probability);
    }

    [Fact]
    public void GivenAPlantedAnomaly_WhenScored_ThenItOutscoresEveryNormalUnderEveryVariant()
    {
        // Given
        var normals = CycleTraces.Normals(6);
        var attack = CycleTraces.Anomalous();

        // When
        var scores = toy.Detector.ScoreMany([.. normals, attack]);

        // Then: higher = more anomalous, and the position scores point at the broken calls.
        Assert.All(scores.Take(normals.Count), s => Assert.True(s.Value < scores[^1].Value));
        var positions = scores[^1].PositionScores!;
        Assert.Equal(attack.Length, positions.Length);
        Assert.InRange(Array.IndexOf(positions, positions.Max()), 20, 24);
    }

    [Fact]
    public void GivenAnUnseenSyscall_WhenScored_ThenTheScoreIsFiniteAndHigherThanNormal()
    {
        // Given
        var calls = CycleTraces.Normals(1)[0].Calls.ToArray();
        calls[10] = 999;
        var unseen = Trace.Attack("unseen", calls, "toy");

        // When
        var scores = toy.Detector.ScoreMany([CycleTraces.Normals(1)[0], unseen]);

        // Then
        Assert.True(double.IsFinite(scores[1].Value));
        Assert.True(scores[1].Value > scores[0].Value);
    }

    [Fact]
    public void GivenManyTraces_WhenScoredTogetherOrOneByOne_ThenTheScoresAgree()
    {
        // Given
        var traces = CycleTraces.Normals(5).Append(CycleTraces.Anomalous()).ToArray();

        // When
        var together = toy.Detector.ScoreMany(traces);
        var alone = traces.Select(toy.Detector.Score).ToArray();

        // Then: batching changes matrix shapes only, so the scores agree to float rounding.
        for (var i = 0; i < traces.Length; i++)
        {
            Assert.Equal(alone[i].Value, together[i].Value, 5);
        }
    }

    [Fact]
    public void GivenAFittedModel_WhenSavedAndLoadedThroughTheRegistry_ThenScoresAndPredictionsAreIdentical()
    {
        // Given
        var traces = CycleTraces.Normals(4).Append(CycleTraces.Anomalous()).ToArray();
        var directory = Path.Combine(Path.GetTempPath(), "syscallbench-lstm-" + Guid.NewGuid().ToString("N"));
        var registry = new DetectorRegistry(LstmDetectors.Descriptors);

        try
        {
            // When
            DetectorRegistry.Save(toy.Detector, directory);
            using var loaded = (FittedLstmDetector)registry.Load(directory);

            // Then
            Assert.Equal(toy.Detector.ScoreMany(traces).Select(s => s.Value), loaded.ScoreMany(traces).Select(s => s.Value));
            Assert.Equal(toy.Detector.PredictNext([5, 3], 2), loaded.PredictNext([5, 3], 2));
            Assert.Equal(toy.Detector.Options.HiddenSize, loaded.Options.HiddenSize);
            Assert.Equal(toy.Detector.Summary.BestEpoch, loaded.Summary.BestEpoch);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void GivenAFolderWithoutWeights_WhenLoaded_ThenAUserErrorNamesTheMissingFile()
    {
        // Given
        var directory = Directory.CreateTempSubdirectory("syscallbench-lstm-").FullName;
        try
        {
            // When
            var error = Assert.Throws<Core.SyscallBenchException>(() => FittedLstmDetector.Load(directory));

            // Then
            Assert.Contains("lstm.json", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
