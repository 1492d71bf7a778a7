using System.ComponentModel;
using SyscallBench.Core.Config;

namespace SyscallBench.Core.Detection.Knn;

/// <summary>What a trace becomes before distances are taken (see <see cref="KnnDetector"/>).</summary>
public enum KnnRepresentation
{
    /// <summary>The set of distinct syscalls the trace makes (n-grams of length 1, weight 1).</summary>
    SyscallSet,

    /// <summary>The set of distinct n-grams of the trace (weight 1 each).</summary>
    NgramSet,

    /// <summary>n-gram relative frequencies: count / number of n-grams of the trace.</summary>
    NgramTf,

    /// <summary>Relative frequency times the smoothed inverse document frequency over the training traces.</summary>
    NgramTfidf,
}

/// <summary>The distance between two trace vectors.</summary>
public enum KnnDistance
{
    /// <summary>1 - Σ min(a_i, b_i) / Σ max(a_i, b_i) (plain Jaccard on sets, Ruzicka on weights).</summary>
    Jaccard,

    /// <summary>1 - a·b / (|a| |b|).</summary>
    Cosine,

    /// <summary>|a - b|.</summary>
    Euclidean,
}

/// <summary>How the distances to the k nearest training traces become one score.</summary>
public enum KnnAggregate
{
    /// <summary>The nearest one's distance (k then does not matter).</summary>
    Min,

    /// <summary>The mean of the k distances (Angiulli and Pizzuti 2002).</summary>
    Mean,

    /// <summary>The k-th nearest distance (Ramaswamy et al. 2000).</summary>
    Max,
}

/// <summary>Options of <see cref="KnnDetector"/>.</summary>
public sealed class KnnOptions : IOptions
{
    /// <summary>Upper bound on n: longer n-grams are almost all unique, and each costs n ints per distinct n-gram.</summary>
    public const int MaxNgramLength = 64;

    [Description("Trace representation: syscall_set, ngram_set (distinct n-grams), ngram_tf (n-gram relative frequencies) or ngram_tfidf (relative frequency x smoothed idf over the training traces).")]
    public KnnRepresentation Representation { get; init; } = KnnRepresentation.NgramSet;

    [Description("n: calls per n-gram (sliding, step 1; a trace shorter than n is one n-gram); ignored by syscall_set.")]
    public int NgramLength { get; init; } = 3;

    [Description("Distance: jaccard (1 - sum min / sum max, plain Jaccard on sets), cosine (1 - cosine similarity) or euclidean.")]
    public KnnDistance Distance { get; init; } = KnnDistance.Jaccard;

    [Description("k: nearest training traces the score looks at.")]
    public int K { get; init; } = 1;

    [Description("Trace score from the k nearest distances: min (the nearest), mean, or max (the k-th nearest).")]
    public KnnAggregate Aggregate { get; init; } = KnnAggregate.Mean;

    /// <summary>The n-gram length the representation uses (1 for syscall_set).</summary>
    internal int EffectiveNgramLength => Representation == KnnRepresentation.SyscallSet ? 1 : NgramLength;

    public IEnumerable<OptionError> Validate()
    {
        if (NgramLength < 1 || NgramLength > MaxNgramLength)
        {
            yield return new OptionError(nameof(NgramLength), $"must be between 1 and {MaxNgramLength}, got {NgramLength}");
        }

        if (K < 1)
        {
            yield return new OptionError(nameof(K), $"must be at least 1, got {K}");
        }
    }
}
