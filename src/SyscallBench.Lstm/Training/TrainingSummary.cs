namespace SyscallBench.Lstm.Training;

/// <summary>One epoch of training, as reported live and saved with the model.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainLoss">Mean surprisal (nats per call) over the training chunks, dropout on.</param>
/// <param name="ValidationLoss">Mean surprisal over the held-out normals; null without a validation slice.</param>
/// <param name="Seconds">Wall time of the epoch's training pass.</param>
/// <param name="SyscallsPerSecond">Training calls processed per second in that pass.</param>
/// <param name="LearningRate">The optimizer's learning rate in that epoch (0 in models saved before it was recorded).</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double? ValidationLoss, double Seconds, double SyscallsPerSecond,
    double LearningRate);

/// <summary>What a fit did: epochs, the epoch whose weights were kept, and the loss history.</summary>
public sealed record TrainingSummary(
    int TrainingTraces,
    int ValidationTraces,
    int BestEpoch,
    double? BestValidationLoss,
    IReadOnlyList<EpochRecord> Epochs);
