using SyscallBench.Core.Detection;
using SyscallBench.Lstm.Tests.Support;
using SyscallBench.Lstm.Training;

namespace SyscallBench.Lstm.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void GivenACosineSchedule_WhenFitted_ThenEachEpochTrainsAtTheAnnealedRate()
    {
        // Given: six epochs, none stopped early.
        var options = WithSchedule(LearningRateSchedule.Cosine);

        // When
        using var detector = new LstmDetector("cosine", options).FitLstm(CycleTraces.Normals(), new FitContext(Seed: 3));

        // Then: epoch e at lr (1 + cos(pi (e - 1) / 6)) / 2, from the full rate down to 0.067 of it.
        var epochs = detector.Summary.Epochs;
        Assert.Equal(6, epochs.Count);
        Assert.All(epochs, e =>
        {
            var expected = options.LearningRate * (1 + Math.Cos(Math.PI * (e.Epoch - 1) / options.MaxEpochs)) / 2;
            Assert.Equal(expected, e.LearningRate, expected * 1e-9);
        });
    }

    [Fact]
    public void GivenTheConstantSchedule_WhenFitted_ThenEveryEpochTrainsAtTheLearningRate()
    {
        // Given
        var options = WithSchedule(LearningRateSchedule.Constant);

        // When
        using var detector = new LstmDetector("constant", options).FitLstm(CycleTraces.Normals(), new FitContext(Seed: 3));

        // Then
        Assert.All(detector.Summary.Epochs, e => Assert.Equal(options.LearningRate, e.LearningRate));
    }

    [Fact]
    public void GivenTwoSchedules_WhenFittedFromTheSameSeed_ThenOnlyTheFirstEpochAgrees()
    {
        // Given: the same seed, so the same initial weights and batches.
        using var constant = new LstmDetector("constant", WithSchedule(LearningRateSchedule.Constant)).FitLstm(CycleTraces.Normals(), new FitContext(Seed: 3));

        // When
        using var cosine = new LstmDetector("cosine", WithSchedule(LearningRateSchedule.Cosine)).FitLstm(CycleTraces.Normals(), new FitContext(Seed: 3));

        // Then: epoch 1 trains at the full rate in both; from epoch 2 the optimizer really uses the lower one.
        Assert.Equal(constant.Summary.Epochs[0].TrainLoss, cosine.Summary.Epochs[0].TrainLoss);
        Assert.NotEqual(constant.Summary.Epochs[2].TrainLoss, cosine.Summary.Epochs[2].TrainLoss);
    }

    [Fact]
    public void GivenAnUndefinedSchedule_WhenValidated_ThenBothLanguageModelsNameIt()
    {
        // Given: what a tampered model file would hold.
        var undefined = (LearningRateSchedule)7;

        // When
        var lstm = new LstmOptions { LearningRateSchedule = undefined }.Validate().Select(e => e.Property);
        var transformer = new Lstm.Transformer.TransformerOptions { LearningRateSchedule = undefined }.Validate().Select(e => e.Property);

        // Then
        Assert.Equal([nameof(LstmOptions.LearningRateSchedule)], lstm);
        Assert.Equal([nameof(LstmOptions.LearningRateSchedule)], transformer);
    }

    /// <summary>The tiny model for six epochs, none stopped early.</summary>
    private static LstmOptions WithSchedule(LearningRateSchedule schedule) =>
        CycleTraces.TinyOptions(schedule: schedule, maxEpochs: 6, patience: 6);
}
