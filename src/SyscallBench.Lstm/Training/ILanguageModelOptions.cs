namespace SyscallBench.Lstm.Training;

/// <summary>
/// The options every TorchSharp language-model detector shares (<see cref="LstmOptions"/>,
/// <see cref="Transformer.TransformerOptions"/>): how it is batched, optimised, stopped early, run, and how
/// its per-call surprisals become a trace score.
/// </summary>
internal interface ILanguageModelOptions
{
    int BatchSize { get; }

    int ChunkLength { get; }

    double LearningRate { get; }

    LearningRateSchedule LearningRateSchedule { get; }

    double GradientClip { get; }

    int MaxEpochs { get; }

    int Patience { get; }

    double ValidationFraction { get; }

    int MinCallCount { get; }

    int ScoreBatchSize { get; }

    LstmDevice Device { get; }

    int Threads { get; }

    LstmScore Score { get; }

    int WindowLength { get; }

    int TopK { get; }

    double Quantile { get; }
}
