using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Svm;

namespace SyscallBench.MLNet.Tests.Features;

/// <summary>Known answers for the unseen-n-gram bucket of <see cref="NGramFeaturizer"/>.</summary>
public sealed class UnseenNGramBucketTests
{
    private const string Bucket = NGramFeaturizer.UnseenSlotName;

    private static Trace T(params int[] calls) => Trace.Normal($"t{string.Join('-', calls)}", calls);

    /// <summary>The vector as slot name → value (absent slots are 0).</summary>
    private static Dictionary<string, double> ByName(NGramFeaturizer featurizer, SparseVector vector)
    {
        var names = featurizer.SlotNames();
        var result = names.ToDictionary(name => name, _ => 0.0, StringComparer.Ordinal);
        for (var k = 0; k < vector.NonZeroCount; k++)
        {
            result[names[vector.Indices[k]]] = vector.Values[k];
        }

        return result;
    }

    private static void AssertVector(Dictionary<string, double> expected, Dictionary<string, double> actual, double tolerance)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected)
        {
            Assert.True(Math.Abs(value - actual[name]) <= tolerance, $"slot {name}: expected {value}, got {actual[name]}");
        }
    }

    [Fact]
    public void GivenTfBigrams_WhenATraceHasUnseenNGrams_ThenTheBucketHoldsTheirRawCountBeforeNormalisation()
    {
        // Given: vocabulary 1, 2, 3, 1|2, 2|3 from the training traces
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 3), T(1, 2)], new NGramFeatureSettings(2, NGramWeighting.Tf), seed: 1);

        // When: 1 2 9 3 3 has 5 unigrams + 4 bigrams = 9 n-grams; seen: 1, 2, 3, 3 and 1|2 = 5;
        // unseen: 9, 2|9, 9|3, 3|3 = 4
        var vector = featurizer.Transform(T(1, 2, 9, 3, 3));

        // Then: raw (1:1, 2:1, 3:2, 1|2:1, 2|3:0, bucket:4), norm √23
        var norm = Math.Sqrt(23);
        Assert.Equal(6, featurizer.FeatureCount);
        Assert.Equal(Bucket, featurizer.SlotNames()[^1]);
        AssertVector(new(StringComparer.Ordinal)
        {
            ["1"] = 1 / norm, ["2"] = 1 / norm, ["3"] = 2 / norm, ["1|2"] = 1 / norm, ["2|3"] = 0, [Bucket] = 4 / norm,
        }, ByName(featurizer, vector), 1e-7);
    }

    [Fact]
    public void GivenBinaryBigrams_WhenATraceHasUnseenNGrams_ThenTheBucketIsOne()
    {
        // Given
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 3), T(1, 2)], new NGramFeatureSettings(2, NGramWeighting.Binary), seed: 1);

        // When: as in the tf case, 4 unseen n-grams
        var vector = featurizer.Transform(T(1, 2, 9, 3, 3));

        // Then: raw (1, 1, 1, 1, 0, bucket 1), norm √5
        var unit = 1 / Math.Sqrt(5);
        AssertVector(new(StringComparer.Ordinal)
        {
            ["1"] = unit, ["2"] = unit, ["3"] = unit, ["1|2"] = unit, ["2|3"] = 0, [Bucket] = unit,
        }, ByName(featurizer, vector), 1e-7);
    }

    [Fact]
    public void GivenTfIdf_WhenATraceHasUnseenNGrams_ThenTheBucketWeighsLnOfNPlusOne()
    {
        // Given: N = 2; df(1) = 2 → idf 0; df(2) = df(3) = 1 → idf ln 2; bucket idf ln(N + 1) = ln 3
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 2), T(1, 3)], new NGramFeatureSettings(1, NGramWeighting.TfIdf), seed: 1);

        // When: one unseen unigram (7)
        var vector = featurizer.Transform(T(1, 2, 2, 3, 7));

        // Then: raw (1:0, 2:2 ln2, 3:ln2, bucket:ln3)
        var (ln2, ln3) = (Math.Log(2), Math.Log(3));
        var norm = Math.Sqrt(4 * ln2 * ln2 + ln2 * ln2 + ln3 * ln3);
        AssertVector(new(StringComparer.Ordinal)
        {
            ["1"] = 0, ["2"] = 2 * ln2 / norm, ["3"] = ln2 / norm, [Bucket] = ln3 / norm,
        }, ByName(featurizer, vector), 1e-6);
        Assert.Equal(ln3, NGramFeaturizer.UnseenIdf(2), 12);
    }

    [Theory]
    [InlineData(NGramWeighting.Tf)]
    [InlineData(NGramWeighting.TfIdf)]
    [InlineData(NGramWeighting.Binary)]
    public void GivenAnAllUnseenTrace_WhenTransforming_ThenItIsTheUnitVectorAlongTheBucket(NGramWeighting weighting)
    {
        // Given
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 3), T(3, 2, 1)], new NGramFeatureSettings(3, weighting), seed: 1);

        // When
        var vector = featurizer.Transform(T(7, 8, 9, 7));

        // Then
        Assert.Equal([featurizer.VocabularySize], vector.Indices);
        Assert.Equal([1.0], vector.Values);
    }

    [Fact]
    public void GivenAnEmptyTrace_WhenTransformingWithTheBucket_ThenTheVectorIsAllZero()
    {
        // Given
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 3)], new NGramFeatureSettings(3, NGramWeighting.Tf), seed: 1);

        // When: no n-grams at all, so nothing is unseen either
        var empty = featurizer.Transform(T());

        // Then
        Assert.Equal(0, empty.NonZeroCount);
    }

    [Fact]
    public void GivenTracesShorterThanN_WhenTransforming_ThenOnlyTheirShorterNGramsCountAsSeenOrUnseen()
    {
        // Given: n = 3
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 3, 4)], new NGramFeatureSettings(3, NGramWeighting.Tf), seed: 1);

        // When
        var seenSingle = ByName(featurizer, featurizer.Transform(T(2)));
        var unseenSingle = ByName(featurizer, featurizer.Transform(T(9)));
        var mixedPair = ByName(featurizer, featurizer.Transform(T(2, 9))); // 2 seen; 9 and 2|9 unseen

        // Then
        Assert.Equal((1.0, 0.0), (seenSingle["2"], seenSingle[Bucket]));
        Assert.Equal(1.0, unseenSingle[Bucket]);
        Assert.Equal(1 / Math.Sqrt(5), mixedPair["2"], 1e-7);
        Assert.Equal(2 / Math.Sqrt(5), mixedPair[Bucket], 1e-7);
    }

    [Fact]
    public void GivenRandomTrainingTracesOfEveryLength_WhenTransformingThem_ThenNoneHasAnUnseenNGram()
    {
        // Given: lengths 0..12 around every n in 1..5; every n-gram of a training trace is in the vocabulary,
        // so a non-zero bucket here would mean total(L) disagrees with how ProduceNgrams enumerates n-grams
        var random = new Random(3);
        var traces = Enumerable.Range(0, 40)
            .Select(i => T(Enumerable.Range(0, i % 13).Select(_ => random.Next(1, 5)).ToArray()))
            .ToArray();

        foreach (var n in Enumerable.Range(1, 5))
        {
            // When
            var featurizer = NGramFeaturizer.Fit(traces, new NGramFeatureSettings(n, NGramWeighting.Tf), seed: 1);
            var vectors = featurizer.TransformMany(traces);

            // Then
            Assert.All(vectors, v => Assert.DoesNotContain(featurizer.VocabularySize, v.Indices));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void GivenOneSeenCallFollowedByUnseenCalls_WhenTransforming_ThenTheBucketCountsEveryOtherNGram(int n)
    {
        // Given: the vocabulary is the single unigram 1
        var featurizer = NGramFeaturizer.Fit([T(1)], new NGramFeatureSettings(n, NGramWeighting.Tf), seed: 1);

        foreach (var length in Enumerable.Range(1, 9))
        {
            // When: 1 9 9 ... 9 of the given length
            var trace = T([1, .. Enumerable.Repeat(9, length - 1)]);
            var vector = ByName(featurizer, featurizer.Transform(trace));

            // Then: bucket / slot "1" = unseen / 1 = (number of n-grams of every length 1..n) − 1, counted by brute force
            var bruteForce = Enumerable.Range(1, n).Sum(k => Enumerable.Range(0, length).Count(start => start + k <= length));
            Assert.Equal(bruteForce, NGramFeaturizer.TotalNGramCount(length, n));
            Assert.Equal(bruteForce - 1, vector[Bucket] / vector["1"], 1e-5);
        }
    }

    [Fact]
    public void GivenDrop_WhenFitting_ThenThereIsNoBucketSlot()
    {
        // Given / When
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 3), T(1, 2)],
            new NGramFeatureSettings(2, NGramWeighting.Tf, UnseenNGramHandling.Drop), seed: 1);

        // Then
        Assert.False(featurizer.HasUnseenBucket);
        Assert.Equal((5, 5), (featurizer.FeatureCount, featurizer.VocabularySize));
        Assert.DoesNotContain(Bucket, featurizer.SlotNames());
    }
}
