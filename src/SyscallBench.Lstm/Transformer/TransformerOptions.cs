using System.ComponentModel;
using SyscallBench.Core.Config;
using SyscallBench.Lstm.Training;

namespace SyscallBench.Lstm.Transformer;

/// <summary>
/// Options of the <c>transformer</c> detector. Defaults suit ADFA-LD on a small CPU: 2 pre-norm layers of
/// width 64 with 4 heads, chunks of 64 calls that attend to the chunk before them as well, Adam at 1e-3,
/// gradient-norm clipping at 5, early stopping on a held-out slice of the training normals. The batching,
/// early-stopping, scoring and device options mean what they mean for the <c>lstm</c>.
/// </summary>
public sealed class TransformerOptions : IOptions, ILanguageModelOptions
{
    [Description("d: width of the syscall embedding, the positional embedding and every layer.")]
    public int EmbeddingSize { get; init; } = 64;

    [Description("Attention heads per layer; embedding_size must be a multiple of it.")]
    public int Heads { get; init; } = 4;

    [Description("Stacked transformer layers (masked self-attention then a feed-forward block, each pre-normed with a residual).")]
    public int Layers { get; init; } = 2;

    [Description("Inner width of each layer's feed-forward block.")]
    public int FeedForwardSize { get; init; } = 256;

    [Description("Dropout on the embeddings and on each block's output (0 = none).")]
    public double Dropout { get; init; } = 0.1;

    [Description("Traces processed side by side in one training batch (lanes).")]
    public int BatchSize { get; init; } = 64;

    [Description("C: calls per lane per optimizer step; each call attends to the calls of its trace in its chunk and the chunk before (C to 2C-1 calls of context).")]
    public int ChunkLength { get; init; } = 64;

    [Description("Adam learning rate.")]
    public double LearningRate { get; init; } = 0.001;

    [Description("Learning-rate schedule: constant, or cosine (annealed once per epoch from learning_rate down to near 0 over max_epochs, so max_epochs becomes the training budget; early stopping still applies).")]
    public LearningRateSchedule LearningRateSchedule { get; init; } = LearningRateSchedule.Constant;

    [Description("Gradient-norm clipping threshold.")]
    public double GradientClip { get; init; } = 5.0;

    [Description("Upper bound on training epochs.")]
    public int MaxEpochs { get; init; } = 30;

    [Description("Stop after this many epochs without a validation-loss improvement.")]
    public int Patience { get; init; } = 3;

    [Description("Fraction of training traces held out (seeded) for early stopping; 0 trains max_epochs without validation.")]
    public double ValidationFraction { get; init; } = 0.1;

    [Description("Syscalls seen fewer times than this in training share the unknown token (1 = every seen syscall keeps its own token).")]
    public int MinCallCount { get; init; } = 1;

    [Description("Trace score: mean_nll, max_window_nll, topk_miss_rate, quantile_nll or last_nll (as for the lstm).")]
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
        // Lower bounds, then upper bounds on sizes that allocate: a model file asking for 2e9 cells must be
        // refused before libtorch allocates gigabytes for it.
        foreach (var (name, value, min, max) in new (string, int, int, int)[]
                 {
                     (nameof(EmbeddingSize), EmbeddingSize, 1, 4096), (nameof(Heads), Heads, 1, 256),
                     (nameof(Layers), Layers, 1, 64), (nameof(FeedForwardSize), FeedForwardSize, 1, 16_384),
                     (nameof(BatchSize), BatchSize, 1, 65_536), (nameof(ChunkLength), ChunkLength, 1, 4096),
                     (nameof(MaxEpochs), MaxEpochs, 1, int.MaxValue), (nameof(Patience), Patience, 1, int.MaxValue),
                     (nameof(WindowLength), WindowLength, 1, int.MaxValue), (nameof(TopK), TopK, 1, int.MaxValue),
                     (nameof(ScoreBatchSize), ScoreBatchSize, 1, 65_536), (nameof(Threads), Threads, 0, 1024),
                     (nameof(MinCallCount), MinCallCount, 1, int.MaxValue),
                 })
        {
            if (value < min)
            {
                yield return new OptionError(name, $"must be at least {min}, got {value}");
            }
            else if (value > max)
            {
                yield return new OptionError(name, $"must be at most {max}, got {value}");
            }
        }

        if (Heads >= 1 && EmbeddingSize % Heads != 0)
        {
            yield return new OptionError(nameof(EmbeddingSize), $"must be a multiple of heads ({Heads}), got {EmbeddingSize}");
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
