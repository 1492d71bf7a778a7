using SyscallBench.Core;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Svm;
using SyscallBench.TestSupport;

namespace SyscallBench.MLNet.Tests.Features;

public sealed class NGramFeaturizerTests
{
    private static Trace T(params int[] calls) => Trace.Normal($"t{string.Join('-', calls)}", calls);

    private static double[] SortedValues(SparseVector v) => v.Values.Order().ToArray();

    [Fact]
    public void GivenTfBigrams_WhenTransformingTrainingTrace_ThenEveryDistinctNGramCountsOnceAndVectorIsUnitLength()
    {
        // Given: unigrams {1,2,3} and bigrams {12, 23}
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 3), T(1, 2)], new NGramFeatureSettings(2, NGramWeighting.Tf), seed: 1);

        // When
        var vector = featurizer.Transform(T(1, 2, 3));

        // Then: five vocabulary slots plus the unseen bucket, which stays 0 for a training trace
        Assert.Equal(6, featurizer.FeatureCount);
        Assert.Equal(5, featurizer.VocabularySize);
        Assert.Equal(5, vector.NonZeroCount);
        Assert.DoesNotContain(featurizer.VocabularySize, vector.Indices);
        Assert.All(vector.Values, v => Assert.Equal(1 / Math.Sqrt(5), v, 1e-7));
    }

    [Fact]
    public void GivenDropAndAnUnseenSyscallInTheMiddle_WhenTransforming_ThenNGramsSpanningItAreDropped()
    {
        // Given
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 3), T(1, 2)], new NGramFeatureSettings(2, NGramWeighting.Tf, UnseenNGramHandling.Drop), seed: 1);

        // When: 9 was never seen; (2,9) and (9,3) have no slot
        var vector = featurizer.Transform(T(1, 2, 9, 3));

        // Then: 1, 2, 3 and (1,2) remain, once each
        Assert.Equal([0.5, 0.5, 0.5, 0.5], SortedValues(vector), new ToleranceComparer(1e-7));
    }

    [Fact]
    public void GivenCountsAbove1_WhenTfOrBinary_ThenValuesAreNormalisedCountsOrNormalisedOnes()
    {
        // Given
        var training = new[] { T(1, 1, 1, 2) };
        var tf = NGramFeaturizer.Fit(training, new NGramFeatureSettings(2, NGramWeighting.Tf), seed: 1);
        var binary = NGramFeaturizer.Fit(training, new NGramFeatureSettings(2, NGramWeighting.Binary), seed: 1);

        // When: counts 1→3, 2→1, (1,1)→2, (1,2)→1
        var tfVector = tf.Transform(training[0]);
        var binaryVector = binary.Transform(training[0]);

        // Then
        var norm = Math.Sqrt(9 + 1 + 4 + 1);
        Assert.Equal([1 / norm, 1 / norm, 2 / norm, 3 / norm], SortedValues(tfVector), new ToleranceComparer(1e-7));
        Assert.Equal([0.5, 0.5, 0.5, 0.5], SortedValues(binaryVector), new ToleranceComparer(1e-7));
    }

    [Fact]
    public void GivenTfIdf_WhenTransforming_ThenWeightsAreCountTimesLogNOverDf()
    {
        // Given: N = 2; df(1) = 2 → idf 0; df(2) = df(3) = 1 → idf ln 2
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 2), T(1, 3)], new NGramFeatureSettings(1, NGramWeighting.TfIdf), seed: 1);

        // When
        var vector = featurizer.Transform(T(1, 2, 2, 3));

        // Then: raw (0, 2 ln2, ln2) → normalised (2, 1) / sqrt 5
        Assert.Equal([1 / Math.Sqrt(5), 2 / Math.Sqrt(5)], SortedValues(vector), new ToleranceComparer(1e-7));
    }

    [Fact]
    public void GivenDropAndAnEmptyOrAllUnseenTrace_WhenTransforming_ThenTheVectorIsAllZero()
    {
        // Given
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 3)], new NGramFeatureSettings(3, NGramWeighting.Tf, UnseenNGramHandling.Drop), seed: 1);

        // When
        var empty = featurizer.Transform(T());
        var unseen = featurizer.Transform(T(7, 8, 9, 7));

        // Then
        Assert.Equal(0, empty.NonZeroCount);
        Assert.Equal(0, unseen.NonZeroCount);
    }

    [Fact]
    public void GivenTraceShorterThanN_WhenTransforming_ThenItsShorterNGramsCount()
    {
        // Given
        var featurizer = NGramFeaturizer.Fit([T(1, 2, 3, 4)], new NGramFeatureSettings(3, NGramWeighting.Tf), seed: 1);

        // When
        var single = featurizer.Transform(T(2));
        var pair = featurizer.Transform(T(2, 3));

        // Then
        Assert.Equal([1.0], single.Values, new ToleranceComparer(1e-7));
        Assert.Equal(3, pair.NonZeroCount);
    }

    [Fact]
    public void GivenOnlyEmptyTrainingTraces_WhenFitting_ThenAClearErrorIsRaised()
    {
        // Given / When
        var error = Assert.Throws<SyscallBenchException>(() =>
            NGramFeaturizer.Fit([T(), T()], new NGramFeatureSettings(3, NGramWeighting.Tf), seed: 1));

        // Then
        Assert.Contains("no system calls", error.Message);
    }

    [Theory]
    [InlineData(NGramWeighting.Tf, UnseenNGramHandling.Bucket)]
    [InlineData(NGramWeighting.TfIdf, UnseenNGramHandling.Bucket)]
    [InlineData(NGramWeighting.Binary, UnseenNGramHandling.Bucket)]
    [InlineData(NGramWeighting.Binary, UnseenNGramHandling.Drop)]
    public void GivenSavedFeaturizer_WhenLoaded_ThenVectorsAreIdentical(NGramWeighting weighting, UnseenNGramHandling unseen)
    {
        // Given
        var traces = new[] { T(1, 2, 3, 1, 2), T(3, 3, 1), T(2, 5, 2, 5) };
        var featurizer = NGramFeaturizer.Fit(traces, new NGramFeatureSettings(3, weighting, unseen), seed: 1);
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "features.zip");

        // When
        featurizer.Save(path);
        var loaded = NGramFeaturizer.Load(path);

        // Then: also for a trace with an unseen syscall, and an empty one
        var probe = traces.Append(T(5, 9, 1, 2)).Append(T()).ToArray();
        var before = featurizer.TransformMany(probe);
        var after = loaded.TransformMany(probe);
        Assert.Equal((featurizer.FeatureCount, featurizer.HasUnseenBucket), (loaded.FeatureCount, loaded.HasUnseenBucket));
        for (var i = 0; i < probe.Length; i++)
        {
            Assert.Equal(before[i].Indices, after[i].Indices);
            Assert.Equal(before[i].Values, after[i].Values);
        }
    }

    /// <summary>The batch path runs the chain in two parts with a cache between them; one by one runs it whole.</summary>
    [Theory]
    [InlineData(NGramWeighting.Tf, UnseenNGramHandling.Bucket)]
    [InlineData(NGramWeighting.TfIdf, UnseenNGramHandling.Bucket)]
    [InlineData(NGramWeighting.Binary, UnseenNGramHandling.Bucket)]
    [InlineData(NGramWeighting.Tf, UnseenNGramHandling.Drop)]
    [InlineData(NGramWeighting.TfIdf, UnseenNGramHandling.Drop)]
    [InlineData(NGramWeighting.Binary, UnseenNGramHandling.Drop)]
    public void GivenManyTraces_WhenTransformingInBatch_ThenResultsEqualOneByOne(NGramWeighting weighting, UnseenNGramHandling unseen)
    {
        // Given
        var traces = new[] { T(1, 2, 3, 1, 2), T(3, 3, 1), T(), T(2, 5, 2, 5), T(8) };
        var featurizer = NGramFeaturizer.Fit(traces[..2], new NGramFeatureSettings(2, weighting, unseen), seed: 1);

        // When
        var batch = featurizer.TransformMany(traces);

        // Then
        for (var i = 0; i < traces.Length; i++)
        {
            var single = featurizer.Transform(traces[i]);
            Assert.Equal(single.Indices, batch[i].Indices);
            Assert.Equal(single.Values, batch[i].Values);
        }
    }
}
