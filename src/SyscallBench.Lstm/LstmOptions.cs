using System.ComponentModel;
using SyscallBench.Core.Config;
using SyscallBench.Lstm.Training;

namespace SyscallBench.Lstm;

/// <summary>How a trace's per-call surprisals become one trace score.</summary>
public enum LstmScore
{
    /// <summary>Mean surprisal over the trace (Kim et al. 2016).</summary>
    MeanNll,

    /// <summary>Mean surprisal of the worst window of <see cref="LstmOptions.WindowLength"/> calls.</summary>
    MaxWindowNll,

    /// <summary>Fraction of calls outside the <see cref="LstmOptions.TopK"/> most probable (DeepLog).</summary>
    TopkMissRate,

    /// <summary>The <see cref="LstmOptions.Quantile"/>-quantile of the per-call surprisals (the median by default).</summary>
    QuantileNll,

    /// <summary>The surprisal of the trace's last call alone.</summary>
    LastNll,
}

/// <summary>What the LSTM reads for each call.</summary>
public enum LstmInputEncoding
{
    /// <summary>A learned embedding of the vocabulary index (every unseen syscall shares the unknown index).</summary>
    Embedding,

    /// <summary>The embedding plus the raw syscall number divided by the largest training syscall number, as one more input feature; an unseen syscall keeps its value.</summary>
    EmbeddingPlusValue,

    /// <summary>
    /// As <see cref="EmbeddingPlusValue"/>, plus the difference to the previous call's number (for a trace's
    /// first call, its number itself: the start token counts as 0), scaled alike: the input that could make
    /// "k k k -> k+1" a rule on numbers.
    /// </summary>
    EmbeddingPlusValueAndDelta,
}

/// <summary>Where the model runs.</summary>
public enum LstmDevice
{
    /// <summary>CUDA when TorchSharp sees a GPU, else CPU.</summary>
    Auto,
    Cpu,
    Cuda,
}

/// <summary>
/// Options of the <c>lstm</c> detector. Defaults suit ADFA-LD on a small CPU: one 200-cell layer (Kim et
/// al. 2016 used 1x200, 1x400 and 2x400), Adam, gradient-norm clipping at 5, early stopping on a held-out
/// slice of the training normals.
/// </summary>
public sealed class LstmOptions : IOptions, ILanguageModelOptions
{
    [Description("Size of the learned syscall embedding.")]
    public int EmbeddingSize { get; init; } = 200;

    [Description("Input per call: embedding (learned, per vocabulary index), embedding_plus_value (also the syscall number scaled by the largest training one, so unseen syscalls keep their value) or embedding_plus_value_and_delta (also the difference to the previous call's number, scaled alike; the start token counts as 0).")]
    public LstmInputEncoding InputEncoding { get; init; } = LstmInputEncoding.Embedding;

    [Description("LSTM cells per layer.")]
    public int HiddenSize { get; init; } = 200;

    [Description("Stacked LSTM layers.")]
    public int Layers { get; init; } = 1;

    [Description("Dropout on the embedding, between layers and before the output head (0 = none).")]
    public double Dropout { get; init; } = 0.2;

    [Description("Traces processed side by side in one training batch (lanes).")]
    public int BatchSize { get; init; } = 64;

    [Description("Truncated-BPTT chunk: calls per lane per optimizer step; state is carried across chunks of a trace.")]
    public int ChunkLength { get; init; } = 100;

    [Description("Adam learning rate.")]
    public double LearningRate { get; init; } = 0.003;

    [Description("Learning-rate schedule: constant, or cosine (annealed once per epoch from learning_rate down to near 0 over max_epochs, so max_epochs becomes the training budget; early stopping still applies).")]
    public LearningRateSchedule LearningRateSchedule { get; init; } = LearningRateSchedule.Constant;

    [Description("Gradient-norm clipping threshold.")]
    public double GradientClip { get; init; } = 5.0;

    [Description("Upper bound on training epochs.")]
    public int MaxEpochs { get; init; } = 50;

    [Description("Stop after this many epochs without a validation-loss improvement.")]
    public int Patience { get; init; } = 3;

    [Description("Fraction of training traces held out (seeded) for early stopping; 0 trains max_epochs without validation.")]
    public double ValidationFraction { get; init; } = 0.1;

    [Description("Syscalls seen fewer times than this in training share the unknown token, so the model learns a finite probability for never-seen calls (1 = every seen syscall keeps its own token).")]
    public int MinCallCount { get; init; } = 1;

    [Description("Trace score: mean_nll (Kim et al.), max_window_nll, topk_miss_rate (DeepLog), quantile_nll (the q-quantile of the calls' surprisal) or last_nll (the last call's surprisal alone).")]
    public LstmScore Score { get; init; } = LstmScore.MeanNll;

    [Description("Window of calls for max_window_nll.")]
    public int WindowLength { get; init; } = 20;

    [Description("g for topk_miss_rate: a call is a miss when it is not among the g most probable.")]
    public int TopK { get; init; } = 5;

    [Description("q of quantile_nll, in [0, 1] (0.5 = median), linear between order statistics.")]
    public double Quantile { get; init; } = 0.5;

    [Description("Traces scored side by side in one scoring batch.")]
    public int ScoreBatchSize { get; init; } = 128;

    [Description("Device: auto (CUDA when present), cpu or cuda.")]
    public LstmDevice Device { get; init; } = LstmDevice.Auto;

    [Description("Torch CPU threads (0 = torch's default, one per core).")]
    public int Threads { get; init; }

    public IEnumerable<OptionError> Validate()
    {
        foreach (var (name, value, min) in new (string, int, int)[]
                 {
                     (nameof(EmbeddingSize), EmbeddingSize, 1), (nameof(HiddenSize), HiddenSize, 1),
                     (nameof(Layers), Layers, 1), (nameof(BatchSize), BatchSize, 1),
                     (nameof(ChunkLength), ChunkLength, 1), (nameof(MaxEpochs), MaxEpochs, 1),
                     (nameof(Patience), Patience, 1), (nameof(WindowLength), WindowLength, 1),
                     (nameof(TopK), TopK, 1), (nameof(ScoreBatchSize), ScoreBatchSize, 1),
                     (nameof(Threads), Threads, 0), (nameof(MinCallCount), MinCallCount, 1),
                 })
        {
            if (value < min)
            {
                yield return new OptionError(name, $"must be at least {min}, got {value}");
            }
        }

        // Sizes that allocate: a model file or config asking for 2e9 cells reached libtorch, which allocated
        // gigabytes before failing. The bounds are far above anything trained on syscall traces.
        foreach (var (name, value, max) in new (string, int, int)[]
                 {
                     (nameof(EmbeddingSize), EmbeddingSize, 4096), (nameof(HiddenSize), HiddenSize, 4096),
                     (nameof(Layers), Layers, 16), (nameof(BatchSize), BatchSize, 65_536),
                     (nameof(ChunkLength), ChunkLength, 1_000_000), (nameof(ScoreBatchSize), ScoreBatchSize, 65_536),
                     (nameof(Threads), Threads, 1024),
                 })
        {
            if (value > max)
            {
                yield return new OptionError(name, $"must be at most {max}, got {value}");
            }
        }

        if (!Enum.IsDefined(InputEncoding))
        {
            yield return new OptionError(nameof(InputEncoding), $"must be embedding, embedding_plus_value or embedding_plus_value_and_delta, got {(int)InputEncoding}");
        }

        if (!(Dropout >= 0 && Dropout < 1))
        {
            yield return new OptionError(nameof(Dropout), $"must be in [0, 1), got {Dropout}");
        }

        if (!Enum.IsDefined(LearningRateSchedule))
        {
            yield return new OptionError(nameof(LearningRateSchedule), $"must be constant or cosine, got {(int)LearningRateSchedule}");
        }

        if (!(LearningRate > 0))
        {
            yield return new OptionError(nameof(LearningRate), $"must be greater than 0, got {LearningRate}");
        }

        if (!(GradientClip > 0))
        {
            yield return new OptionError(nameof(GradientClip), $"must be greater than 0, got {GradientClip}");
        }

        if (!(Quantile >= 0 && Quantile <= 1))
        {
            yield return new OptionError(nameof(Quantile), $"must be in [0, 1], got {Quantile}");
        }

        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            yield return new OptionError(nameof(ValidationFraction), $"must be in [0, 1), got {ValidationFraction}");
        }
    }
}
