namespace SyscallBench.MLNet.Features;

/// <summary>How n-gram counts become feature values (before L2 normalisation).</summary>
public enum NGramWeighting
{
    /// <summary>Raw count of the n-gram in the trace.</summary>
    Tf,

    /// <summary>Count × idf, idf = ln(N / df) over the N training traces (ML.NET's definition; an n-gram in every training trace weighs 0).</summary>
    TfIdf,

    /// <summary>1 if the n-gram occurs in the trace, else 0.</summary>
    Binary,
}

/// <summary>What happens to the n-grams of a trace that are not in the training vocabulary.</summary>
public enum UnseenNGramHandling
{
    /// <summary>Counted in one extra feature, the unseen-n-gram bucket (see <see cref="NGramFeaturizer"/>).</summary>
    Bucket,

    /// <summary>Ignored: they have no feature slot (the behaviour before the bucket existed; blind to the never-seen).</summary>
    Drop,
}

/// <summary>The per-trace bag-of-n-grams feature definition shared by the ML.NET-based detectors.</summary>
/// <param name="MaxLength">n: n-grams of every length 1..n are counted.</param>
/// <param name="Weighting">Tf, TfIdf or Binary.</param>
/// <param name="Unseen">Bucket (default) or Drop for n-grams outside the training vocabulary.</param>
public sealed record NGramFeatureSettings(int MaxLength, NGramWeighting Weighting, UnseenNGramHandling Unseen = UnseenNGramHandling.Bucket)
{
    /// <summary>ML.NET's n-gram extractor handles at most this many tokens per n-gram.</summary>
    public const int MaxSupportedLength = 10;
}
