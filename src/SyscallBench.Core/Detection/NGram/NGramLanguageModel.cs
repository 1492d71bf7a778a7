using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.NGram;

/// <summary>How <see cref="NGramLanguageModel"/> gives probability to n-grams it did not see.</summary>
public enum NGramSmoothing
{
    /// <summary>Interpolated Kneser-Ney with one absolute discount D (Chen and Goodman 1998, eq. 17).</summary>
    KneserNey,

    /// <summary>Interpolated Witten-Bell (Witten and Bell 1991; Chen and Goodman 1998, eq. 8).</summary>
    WittenBell,

    /// <summary>Add-k (Lidstone) on the full-order counts: (c(h,w)+k) / (c(h)+k|V|).</summary>
    AddK,
}

/// <summary>The smoothing settings of an <see cref="NGramLanguageModel"/>.</summary>
/// <param name="Order">n: each call is predicted from the n-1 calls before it.</param>
/// <param name="Smoothing">The smoothing method.</param>
/// <param name="Discount">D of Kneser-Ney, in (0, 1].</param>
/// <param name="K">k of add-k, above 0.</param>
public sealed record NGramSettings(int Order, NGramSmoothing Smoothing, double Discount, double K);

/// <summary>
/// An order-n language model over syscall ids: p(x_t | x_{t-n+1} .. x_{t-1}). The vocabulary V is the
/// training syscalls plus the unknown token (id 0); the first n-1 calls of a trace are preceded by a
/// sentence-start token <see cref="BeginToken"/>, which is context only and is never predicted. Every
/// p(. | h) is a proper distribution over V, for every context h (seen, unseen, containing unknowns).
/// </summary>
/// <remarks>
/// <para>Let c_m(h,w) be the order-m count of word w after the m-call context h, c_m(h) = Σ_w c_m(h,w),
/// N1+_m(h) = |{w : c_m(h,w) &gt; 0}|, and h' = h without its first call. The recursion ends at the
/// uniform distribution 1/|V| (which is what gives the unknown token its mass); when c_m(h) = 0 the
/// order-m estimate is the lower-order one.</para>
/// <para>Witten-Bell: <c>p(w|h) = (c(h,w) + N1+(h) p(w|h')) / (c(h) + N1+(h))</c>, raw counts at every order.</para>
/// <para>Kneser-Ney: <c>p(w|h) = (max(c(h,w) - D, 0) + D N1+(h) p(w|h')) / c(h)</c>, with raw counts at
/// order n and continuation counts c_m(h,w) = |{x : x h w occurred}| below it (Kneser and Ney 1995;
/// Chen and Goodman 1998, "An Empirical Study of Smoothing Techniques for Language Modeling").</para>
/// <para>Add-k: <c>p(w|h) = (c(h,w) + k) / (c(h) + k |V|)</c> with the full n-1 call context only.</para>
/// <para>All statistics are integer counts derived from the order-n counts in a fixed order, so a model
/// rebuilt from saved counts gives bit-identical probabilities.</para>
/// </remarks>
public sealed class NGramLanguageModel
{
    private readonly WindowCounts[] _grams;        // [m]: (m-call context, word) -> count at order m+1
    private readonly ContextTable[] _contexts;     // [m]: m-call context -> (total, distinct followers)
    private readonly double _uniform;

    // -ln p(last | rest) of each distinct order-n training gram (by dense index), filled on first use;
    // NaN = not computed yet. Most grams of a normal trace were seen in training, so scoring is one
    // hash probe per call instead of 2n. Racing threads compute the same value and an aligned double
    // is written atomically, so no lock is needed. Its size is the model's, whatever is scored.
    private readonly double[] _seenGramSurprisal;

    private NGramLanguageModel(Vocabulary vocabulary, NGramSettings settings, WindowCounts highestOrderCounts)
    {
        Vocabulary = vocabulary;
        Settings = settings;
        HighestOrderCounts = highestOrderCounts;
        _uniform = 1.0 / vocabulary.Count;
        var n = settings.Order;
        _grams = new WindowCounts[n];
        _contexts = new ContextTable[n];
        _grams[n - 1] = highestOrderCounts;

        // Add-k uses the full-order counts alone; the interpolating methods need every order.
        var lowest = settings.Smoothing == NGramSmoothing.AddK ? n - 1 : 0;
        for (var m = n - 2; m >= lowest; m--)
        {
            var higher = _grams[m + 1];
            var lower = new WindowCounts(m + 1);
            for (var i = 0; i < higher.Distinct; i++)
            {
                // Raw counts marginalise (every position yields one n-gram and each of its suffixes);
                // a continuation count adds one per distinct left extension.
                var count = settings.Smoothing == NGramSmoothing.KneserNey ? 1 : higher.CountAt(i);
                lower.Add(higher.WindowAt(i)[1..], count);
            }

            _grams[m] = lower;
        }

        for (var m = lowest; m < n; m++)
        {
            _contexts[m] = ContextTable.From(_grams[m]);
        }

        _seenGramSurprisal = new double[highestOrderCounts.Distinct];
        Array.Fill(_seenGramSurprisal, double.NaN);
    }

    public Vocabulary Vocabulary { get; }

    public NGramSettings Settings { get; }

    /// <summary>The order-n counts the model is built from (what <see cref="FromCounts"/> takes back).</summary>
    public WindowCounts HighestOrderCounts { get; }

    /// <summary>|V|: training syscalls plus the unknown token; ids 0..|V|-1.</summary>
    public int VocabularySize => Vocabulary.Count;

    /// <summary>The sentence-start id that pads the context of a trace's first n-1 calls.</summary>
    public int BeginToken => Vocabulary.Count;

    public static NGramLanguageModel Fit(IReadOnlyList<Trace> traces, NGramSettings settings, CancellationToken cancellation = default)
    {
        var vocabulary = Vocabulary.Fit(traces);
        var n = settings.Order;
        var counts = new WindowCounts(n);
        foreach (var trace in traces)
        {
            cancellation.ThrowIfCancellationRequested();
            for (var grams = new WindowCursor(Pad(vocabulary, n, trace.Calls), n); grams.MoveNext();)
            {
                counts.AddHashed(grams.Window, grams.Hash);
            }
        }

        return new NGramLanguageModel(vocabulary, settings, counts);
    }

    /// <summary>Rebuilds a model from its vocabulary and order-n counts (as saved).</summary>
    public static NGramLanguageModel FromCounts(Vocabulary vocabulary, NGramSettings settings, WindowCounts highestOrderCounts)
    {
        if (highestOrderCounts.Width != settings.Order)
        {
            throw new ArgumentException($"Counts of {highestOrderCounts.Width}-grams cannot build an order-{settings.Order} model.", nameof(highestOrderCounts));
        }

        return new NGramLanguageModel(vocabulary, settings, highestOrderCounts);
    }

    /// <summary>n-1 begin tokens followed by the vocabulary ids of <paramref name="calls"/>.</summary>
    public int[] Pad(ReadOnlySpan<int> calls) => Pad(Vocabulary, Settings.Order, calls);

    /// <summary>p(token | context), context being the n-1 preceding ids (begin tokens allowed).</summary>
    public double Probability(ReadOnlySpan<int> context, int token)
    {
        var n = Settings.Order;
        if (context.Length != n - 1)
        {
            throw new ArgumentException($"An order-{n} model needs a context of {n - 1} ids, got {context.Length}.", nameof(context));
        }

        foreach (var id in context)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(id, nameof(context));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(id, BeginToken, nameof(context));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(token);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(token, VocabularySize);
        var gram = new int[n];
        context.CopyTo(gram);
        gram[n - 1] = token;
        return ProbabilityOfLast(gram);
    }

    /// <summary>
    /// Writes -ln p(x_t | the n-1 ids before it) of every call of a padded trace (<see cref="Pad(ReadOnlySpan{int})"/>)
    /// into <paramref name="surprisals"/> (one per call). Thread-safe; allocates nothing.
    /// </summary>
    internal void Surprisals(ReadOnlySpan<int> padded, Span<double> surprisals)
    {
        for (var grams = new WindowCursor(padded, Settings.Order); grams.MoveNext();)
        {
            var seen = HighestOrderCounts.IndexOfHashed(grams.Window, grams.Hash);
            surprisals[grams.Position] = seen < 0 ? Surprisal(grams.Window) : SeenGramSurprisal(seen);
        }
    }

    private double SeenGramSurprisal(int index)
    {
        var surprisal = _seenGramSurprisal[index];
        if (double.IsNaN(surprisal))
        {
            surprisal = Surprisal(HighestOrderCounts.WindowAt(index));
            _seenGramSurprisal[index] = surprisal;
        }

        return surprisal;
    }

    private double Surprisal(ReadOnlySpan<int> gram) => -Math.Log(ProbabilityOfLast(gram));

    /// <summary>p(last id | the n-1 ids before it) for an n-id slice of a padded trace. Thread-safe.</summary>
    internal double ProbabilityOfLast(ReadOnlySpan<int> gram)
    {
        var n = Settings.Order;
        if (Settings.Smoothing == NGramSmoothing.AddK)
        {
            var (total, _) = _contexts[n - 1].Lookup(gram[..(n - 1)]);
            var count = _grams[n - 1].CountOf(gram);
            return (count + Settings.K) / (total + (Settings.K * VocabularySize));
        }

        var p = _uniform;
        for (var m = 0; m < n; m++)
        {
            var suffix = gram[(n - 1 - m)..];
            var (total, followers) = _contexts[m].Lookup(suffix[..m]);
            if (total == 0)
            {
                // Unseen context: the order-m estimate is the lower-order one, and so is every higher
                // order's, since each order's n-grams end in n-grams of the order below (a longer
                // context was never seen if its suffix was not).
                break;
            }

            var count = _grams[m].CountOf(suffix);
            p = Settings.Smoothing == NGramSmoothing.KneserNey
                ? (Math.Max(count - Settings.Discount, 0) + (Settings.Discount * followers * p)) / total
                : (count + (followers * p)) / (total + followers);
        }

        return p;
    }

    private static int[] Pad(Vocabulary vocabulary, int order, ReadOnlySpan<int> calls)
    {
        var padded = new int[order - 1 + calls.Length];
        padded.AsSpan(0, order - 1).Fill(vocabulary.Count);
        for (var i = 0; i < calls.Length; i++)
        {
            padded[order - 1 + i] = vocabulary.IndexOf(calls[i]);
        }

        return padded;
    }

    /// <summary>Per context: the sum of its followers' counts and how many distinct followers it has.</summary>
    private sealed class ContextTable
    {
        private readonly WindowIndex _index;
        private readonly long[] _totals;
        private readonly int[] _followers;

        private ContextTable(WindowIndex index, long[] totals, int[] followers)
        {
            _index = index;
            _totals = totals;
            _followers = followers;
        }

        public static ContextTable From(WindowCounts grams)
        {
            var index = new WindowIndex(grams.Width - 1, grams.Distinct);
            var totals = new long[grams.Distinct];
            var followers = new int[grams.Distinct];
            for (var i = 0; i < grams.Distinct; i++)
            {
                var context = index.GetOrAdd(grams.WindowAt(i)[..^1]);
                totals[context] += grams.CountAt(i);
                followers[context]++;
            }

            return new ContextTable(index, totals, followers);
        }

        public (long Total, int Followers) Lookup(ReadOnlySpan<int> context)
        {
            var i = _index.IndexOf(context);
            return i < 0 ? (0, 0) : (_totals[i], _followers[i]);
        }
    }
}
