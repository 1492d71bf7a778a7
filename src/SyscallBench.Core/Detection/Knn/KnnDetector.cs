using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.Knn;

/// <summary>
/// k-nearest-neighbour distance: a trace is as anomalous as it is far from the normal training traces
/// closest to it.
/// </summary>
/// <remarks>
/// <para>Each trace becomes a vector x over n-grams of raw syscall numbers (sliding by one call; a trace
/// shorter than n is one n-gram): <c>syscall_set</c> and <c>ngram_set</c> weight each distinct n-gram 1;
/// <c>ngram_tf</c> weights it c/T (its count over the trace's T n-grams); <c>ngram_tfidf</c> weights it
/// (c/T)(ln((1+N)/(1+df)) + 1) with N training traces of which df hold the n-gram (scikit-learn's smoothed
/// idf; an n-gram never seen in training has df = 0). n-grams never seen in training count in the query's
/// norms. Distances: <c>jaccard</c> d = 1 - Σ_i min(a_i, b_i) / Σ_i max(a_i, b_i) (Jaccard on sets, Ruzicka
/// on weights); <c>cosine</c> d = 1 - a·b / (|a| |b|); <c>euclidean</c> d = |a - b|. With d_(1) ≤ ... ≤ d_(k)
/// the distances to the k nearest training traces, the score is d_(1) (<c>min</c>), (1/k) Σ_j d_(j)
/// (<c>mean</c>), or d_(k) (<c>max</c>). The search is exact (an inverted index over the training
/// n-grams, every training trace's distance computed). A training trace scores 0 against itself. No
/// per-position scores.</para>
/// <para>Y. Liao and V. R. Vemuri, "Use of K-Nearest Neighbor classifier for intrusion detection",
/// Computers &amp; Security 21(5), 2002 (tf-idf syscall vectors, cosine); M. Xie, J. Hu, X. Yu, E. Chang, "Evaluating host-based anomaly detection systems: application of
/// the frequency-based algorithms to ADFA-LD", NSS 2014 (kNN on ADFA-LD); S. Ramaswamy, R. Rastogi, K. Shim,
/// "Efficient algorithms for mining outliers from large data sets", SIGMOD 2000 (k-th distance);
/// F. Angiulli and C. Pizzuti, "Fast outlier detection in high dimensional spaces", PKDD 2002 (mean).</para>
/// </remarks>
public sealed class KnnDetector : IDetector
{
    public const string TypeName = "knn";

    public KnnDetector(string name, KnnOptions options)
    {
        OptionsBinder.ThrowIfInvalid(options, $"detector '{name}' ({TypeName})");
        Name = name;
        Options = options;
    }

    /// <summary>The registry line: deterministic (no random choice), one core per unit.</summary>
    public static DetectorDescriptor Descriptor { get; } = DetectorDescriptor.Create<KnnOptions>(TypeName,
        "Distance to the k nearest training traces over syscall or n-gram sets, tf or tf-idf vectors (Liao and Vemuri 2002).",
        (name, options) => new KnnDetector(name, options), FittedKnnDetector.Load, DetectorTraits.Deterministic);

    public string Name { get; }

    public string Type => TypeName;

    public KnnOptions Options { get; }

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context)
    {
        if (normalTraces.Count == 0)
        {
            throw new SyscallBenchException($"Detector '{Name}' ({TypeName}): no normal traces to fit on.");
        }

        return FittedKnnDetector.Build(Options, normalTraces.Select(t => t.Calls).ToArray(), context.Cancellation);
    }
}
