using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Lstm.Transformer;

/// <summary>
/// The <c>transformer</c> detector: a causal transformer language model of syscalls whose surprisal scores
/// a trace, trained, scored and saved like the <c>lstm</c>.
/// </summary>
/// <remarks>
/// Embedding of the vocabulary index (with an unknown bucket and a start-of-trace token) plus a learned
/// positional embedding -> <c>layers</c> pre-norm blocks of masked multi-head self-attention and a GELU
/// feed-forward block -> layer norm -> softmax over the vocabulary, trained on normal traces to minimise
/// s_t = -ln p(x_t | x_1..x_{t-1}); each call attends to at most 2C-1 earlier calls of its own trace (see
/// <see cref="CausalTransformerModel"/>). Trace scores as for the lstm: mean_nll = mean_t s_t,
/// max_window_nll, topk_miss_rate, quantile_nll, last_nll. Per-position scores are s_t. Training: the lstm's
/// protocol (whole traces in lanes, chunks, Adam, gradient-norm clipping, early stopping on a seeded
/// held-out slice of the training normals, best epoch kept). A. Vaswani et al., "Attention is all you need",
/// NeurIPS 2017; A. Radford et al., "Language models are unsupervised multitask learners" (GPT-2, pre-norm),
/// 2019; the surprisal score as Kim et al. (arXiv:1611.01726, 2016) use it for their LSTM.
/// </remarks>
public sealed class TransformerDetector : IDetector
{
    public const string TypeName = "transformer";

    public TransformerDetector(string name, TransformerOptions options)
    {
        Name = name;
        Options = options;
    }

    public string Name { get; }

    public string Type => TypeName;

    public TransformerOptions Options { get; }

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context) => FitTransformer(normalTraces, context);

    /// <summary><see cref="Fit"/> with the concrete result type (predictions, training summary).</summary>
    public FittedTransformerDetector FitTransformer(IReadOnlyList<Trace> normalTraces, FitContext context) =>
        LanguageModelFitting.Fit(Name, TypeName, normalTraces, context, Options,
            (vocabulary, calls) => vocabulary.Encode(calls),
            vocabulary => new CausalTransformerModel(vocabulary.Count, Options),
            (model, vocabulary, summary, device) => new FittedTransformerDetector(model, vocabulary, Options, summary, device));
}
