namespace SyscallBench.Lstm.Training;

/// <summary>How the optimizer's learning rate moves from epoch to epoch.</summary>
public enum LearningRateSchedule
{
    /// <summary>The learning rate throughout.</summary>
    Constant,

    /// <summary>
    /// Cosine annealing over max_epochs (TorchSharp's CosineAnnealingLR, stepped once per epoch): epoch e
    /// trains at learning_rate x (1 + cos(pi (e - 1) / max_epochs)) / 2, from the full rate down to near 0
    /// in the last epoch. Early stopping still applies.
    /// </summary>
    Cosine,
}
