using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.NGram;

/// <summary>How <see cref="NGramDetector"/> turns per-call surprisal into one trace score.</summary>
public enum SurprisalScore
{
    /// <summary>Mean over all calls of -ln p(call | previous n-1 calls).</summary>
    MeanSurprisal,

    /// <summary>Largest mean surprisal over any window of consecutive calls.</summary>
    MaxWindowSurprisal,

    /// <summary>A quantile of the per-call surprisals (the median by default).</summary>
    QuantileSurprisal,

    /// <summary>The surprisal of the trace's last call alone.</summary>
    LastSurprisal,
}

/// <summary>Options of <see cref="NGramDetector"/>.</summary>
public sealed class NGramOptions : IOptions
{
    [Description("n: each call is predicted from the n-1 calls before it (1 = unigram).")]
    public int Order { get; init; } = 3;

    [Description("Smoothing: kneser_ney (interpolated, one discount), witten_bell (interpolated) or add_k.")]
    public NGramSmoothing Smoothing { get; init; } = NGramSmoothing.KneserNey;

    [Description("D: absolute discount of kneser_ney, in (0, 1].")]
    public double Discount { get; init; } = 0.75;

    [Description("k: pseudo-count added to every n-gram by add_k, above 0.")]
    public double K { get; init; } = 0.01;

    [Description("Trace score: mean_surprisal (mean of -ln p over all calls), max_window_surprisal (largest mean over any window of consecutive calls), quantile_surprisal (the q-quantile of the calls' -ln p) or last_surprisal (-ln p of the last call alone).")]
    public SurprisalScore Score { get; init; } = SurprisalScore.MeanSurprisal;

    [Description("w: calls per window of max_window_surprisal; a trace shorter than w is one window.")]
    public int Window { get; init; } = 10;

    [Description("q of quantile_surprisal, in [0, 1] (0.5 = median), linear between order statistics.")]
    public double Quantile { get; init; } = 0.5;

    public IEnumerable<OptionError> Validate()
    {
        if (Order < 1)
        {
            yield return new OptionError(nameof(Order), $"must be at least 1, got {Order}");
        }

        if (!Enum.IsDefined(Smoothing))
        {
            yield return new OptionError(nameof(Smoothing), $"must be kneser_ney, witten_bell or add_k, got {(int)Smoothing}");
        }

        if (!(Discount > 0 && Discount <= 1))
        {
            yield return new OptionError(nameof(Discount), $"must be above 0 and at most 1, got {Format(Discount)}");
        }

        if (!(K > 0 && double.IsFinite(K)))
        {
            yield return new OptionError(nameof(K), $"must be above 0, got {Format(K)}");
        }

        if (!Enum.IsDefined(Score))
        {
            yield return new OptionError(nameof(Score), $"must be mean_surprisal, max_window_surprisal, quantile_surprisal or last_surprisal, got {(int)Score}");
        }

        if (Window < 1)
        {
            yield return new OptionError(nameof(Window), $"must be at least 1, got {Window}");
        }

        if (!(Quantile >= 0 && Quantile <= 1))
        {
            yield return new OptionError(nameof(Quantile), $"must be in [0, 1], got {Format(Quantile)}");
        }
    }

    internal NGramSettings ToSettings() => new(Order, Smoothing, Discount, K);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// An n-gram language model of normal syscall sequences; a trace is anomalous when its calls are
/// surprising under the model.
/// </summary>
/// <remarks>
/// <para>Per-call surprisal <c>s_t = -ln p(x_t | x_{t-n+1} .. x_{t-1})</c> with the smoothed model of
/// <see cref="NGramLanguageModel"/> (sentence-start padding before the first call, unknown token for
/// syscalls never seen in training). Trace score: <c>mean_surprisal = (1/L) Σ_t s_t</c> (0 for an empty
/// trace), <c>max_window_surprisal = max_j (1/w) Σ_{t=j}^{j+w-1} s_t</c> (a trace shorter than w is one
/// window: its mean), <c>quantile_surprisal</c> = the q-quantile of the s_t (linear between order statistics,
/// q = 0.5 the median), or <c>last_surprisal</c> = s_L (the last call alone). Per-position score t is s_t.</para>
/// <para>The n-gram/Markov view of syscall traces: C. Warrender, S. Forrest, B. Pearlmutter, "Detecting
/// Intrusions Using System Calls: Alternative Data Models", IEEE S&amp;P 1999. Smoothing: S. F. Chen and
/// J. Goodman, "An Empirical Study of Smoothing Techniques for Language Modeling", Harvard TR-10-98, 1998;
/// R. Kneser and H. Ney, "Improved backing-off for m-gram language modeling", ICASSP 1995; I. H. Witten and
/// T. C. Bell, "The zero-frequency problem", IEEE Trans. Information Theory 37(4), 1991.</para>
/// </remarks>
public sealed class NGramDetector : IDetector
{
    public const string TypeName = "ngram";

    public NGramDetector(string name, NGramOptions options)
    {
        OptionsBinder.ThrowIfInvalid(options, $"detector '{name}' ({TypeName})");
        Name = name;
        Options = options;
    }

    public string Name { get; }

    public string Type => TypeName;

    public NGramOptions Options { get; }

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context)
    {
        if (normalTraces.Count == 0)
        {
            throw new SyscallBenchException($"Detector '{Name}' ({TypeName}): no normal traces to fit on.");
        }

        context.Report(0, $"{TypeName}: counting {Options.Order}-grams");
        var model = NGramLanguageModel.Fit(normalTraces, Options.ToSettings(), context.Cancellation);
        context.Report(1, $"{TypeName}: {model.HighestOrderCounts.Distinct} distinct {Options.Order}-grams");
        return new FittedNGramDetector(model, Options.Score, Options.Window, Options.Quantile);
    }

    public static IFittedDetector Load(string directory) => FittedNGramDetector.Load(directory);
}
