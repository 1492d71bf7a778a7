using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Model;

namespace SyscallBench.Lstm;

/// <summary>
/// The <c>lstm</c> detector: a next-syscall language model whose surprisal scores a trace.
/// </summary>
/// <remarks>
/// Embedding -> LSTM -> linear head over the training vocabulary (with an unknown bucket and a
/// start-of-trace token), trained on normal traces to minimise s_t = -ln p(x_t | x_1..x_{t-1}).
/// Trace scores: mean_nll = mean_t s_t (Kim et al., "LSTM-based system-call language modeling and robust
/// ensemble method for designing host-based intrusion detection systems", arXiv:1611.01726, 2016);
/// max_window_nll = the largest mean of s_t over w consecutive calls; topk_miss_rate = fraction of calls
/// outside the g most probable (Du et al., "DeepLog", CCS 2017); quantile_nll = the q-quantile of the s_t
/// (linear between order statistics; q = 0.5 the median); last_nll = s_T, the last call's alone.
/// Per-position scores are s_t. Training: whole traces in lanes, truncated BPTT chunks, Adam,
/// gradient-norm clipping, early stopping on a seeded held-out slice of the training normals.
/// </remarks>
public sealed class LstmDetector : IDetector
{
    public const string TypeName = "lstm";

    public LstmDetector(string name, LstmOptions options)
    {
        Name = name;
        Options = options;
    }

    public string Name { get; }

    public string Type => TypeName;

    public LstmOptions Options { get; }

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context) => FitLstm(normalTraces, context);

    /// <summary><see cref="Fit"/> with the concrete result type (predictions, training summary).</summary>
    public FittedLstmDetector FitLstm(IReadOnlyList<Trace> normalTraces, FitContext context) =>
        LanguageModelFitting.Fit(Name, TypeName, normalTraces, context, Options,
            (vocabulary, calls) =>
            {
                InputTokens.EnsureFits(vocabulary, Options.InputEncoding);
                return InputTokens.Encode(vocabulary, calls, Options.InputEncoding);
            },
            vocabulary => new SyscallLanguageModel(vocabulary.Count, Options, InputTokens.ValueScale(vocabulary)),
            (model, vocabulary, summary, device) => new FittedLstmDetector(model, vocabulary, Options, summary, device));
}
