using SyscallBench.Core.Detection.Knn;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.TestSupport;
using static SyscallBench.Core.Tests.Detection.DetectionFixtures;

namespace SyscallBench.Core.Tests.Detection.Knn;

public class KnnDetectorTests
{
    private static FittedKnnDetector Fit(KnnOptions options, params int[][] training) =>
        (FittedKnnDetector)new KnnDetector("knn-test", options).Fit(Corpus(training), FitContext.Default);

    [Theory]
    [InlineData(KnnAggregate.Min, 1, 0.5)]
    [InlineData(KnnAggregate.Mean, 2, 0.75)]
    [InlineData(KnnAggregate.Max, 2, 1.0)]
    [InlineData(KnnAggregate.Max, 5, 1.0)]
    public void GivenSyscallSets_WhenScoredByJaccard_ThenTheScoreAggregatesTheKNearestDistances(KnnAggregate aggregate, int k, double expected)
    {
        // Given: {1,2,3} and {4,5}; the query {1,2,6} shares 2 of 4 with the first (d = 1/2), none with the second (d = 1)
        using var knn = Fit(new KnnOptions { Representation = KnnRepresentation.SyscallSet, K = k, Aggregate = aggregate }, [1, 2, 3, 3], [4, 5]);

        // When
        var score = knn.Score(T(1, 2, 6, 2));

        // Then
        Assert.Equal(expected, score.Value, 12);
    }

    [Fact]
    public void GivenNgramSets_WhenScoredByJaccard_ThenSharedAndUnseenBigramsGiveTheDistance()
    {
        // Given: training bigrams {12, 23, 31}; the query's {12, 23, 34}: 2 shared of 4
        using var knn = Fit(new KnnOptions { NgramLength = 2 }, [1, 2, 3, 1, 2]);

        var score = knn.Score(T(1, 2, 3, 4));

        Assert.Equal(0.5, score.Value, 12);
        Assert.Null(score.PositionScores);
    }

    [Fact]
    public void GivenTermFrequencies_WhenScoredByCosine_ThenTheDistanceIsOneMinusTheCosine()
    {
        // Given: training tf (2/3, 1/3) over {1, 2}; query (1/2, 1/2)
        using var knn = Fit(new KnnOptions { Representation = KnnRepresentation.NgramTf, NgramLength = 1, Distance = KnnDistance.Cosine }, [1, 1, 2]);

        var score = knn.Score(T(1, 2));

        var cosine = ((2.0 / 3 * 0.5) + (1.0 / 3 * 0.5)) / (Math.Sqrt((4.0 / 9) + (1.0 / 9)) * Math.Sqrt(0.5));
        Assert.Equal(1 - cosine, score.Value, 12);
    }

    [Fact]
    public void GivenTfidf_WhenScoredByEuclidean_ThenUnseenCallsWeighWithTheLargestSmoothedIdf()
    {
        // Given: N = 2; df(1) = 2 -> idf 1; df(2) = df(3) = 1 -> idf ln(3/2)+1; the unseen 4 -> ln(3)+1
        using var knn = Fit(new KnnOptions { Representation = KnnRepresentation.NgramTfidf, NgramLength = 1, Distance = KnnDistance.Euclidean }, [1, 2], [1, 3]);

        // When: query [2, 4]: tf 1/2 each; nearest is [1, 2] (weights 1/2 and (ln 1.5 + 1)/2)
        var score = knn.Score(T(2, 4));

        // Then: the 2s cancel; what is left is the training 1 and the query's unseen 4
        var expected = Math.Sqrt(Math.Pow(0.5, 2) + Math.Pow(0.5 * (Math.Log(3) + 1), 2));
        Assert.Equal(expected, score.Value, 12);
    }

    [Theory]
    [InlineData(KnnRepresentation.NgramSet, KnnDistance.Jaccard)]
    [InlineData(KnnRepresentation.NgramTf, KnnDistance.Cosine)]
    [InlineData(KnnRepresentation.NgramTfidf, KnnDistance.Euclidean)]
    public void GivenATrainingTrace_WhenScored_ThenItsDistanceIsExactlyZero(KnnRepresentation representation, KnnDistance distance)
    {
        using var knn = Fit(new KnnOptions { Representation = representation, Distance = distance, NgramLength = 2 },
            [1, 2, 3, 1, 2, 7, 7, 7], [4, 5, 6, 4, 5]);

        Assert.Equal(0.0, knn.Score(T(1, 2, 3, 1, 2, 7, 7, 7)).Value);
        Assert.Equal(0.0, knn.Score(T(4, 5, 6, 4, 5)).Value);
    }

    [Fact]
    public void GivenTracesShorterThanN_WhenScored_ThenEachIsOneNgramThatOnlyAnIdenticalShortTraceMatches()
    {
        using var knn = Fit(new KnnOptions { NgramLength = 3 }, [1, 2], [1, 2, 3]);

        Assert.Equal(0.0, knn.Score(T(1, 2)).Value);
        Assert.Equal(1.0, knn.Score(T(1)).Value);
        Assert.Equal(1.0, knn.Score(T()).Value);
    }

    [Theory]
    [InlineData(KnnRepresentation.SyscallSet, KnnDistance.Jaccard)]
    [InlineData(KnnRepresentation.NgramSet, KnnDistance.Cosine)]
    [InlineData(KnnRepresentation.NgramSet, KnnDistance.Euclidean)]
    [InlineData(KnnRepresentation.NgramTf, KnnDistance.Jaccard)]
    [InlineData(KnnRepresentation.NgramTf, KnnDistance.Euclidean)]
    [InlineData(KnnRepresentation.NgramTfidf, KnnDistance.Cosine)]
    [InlineData(KnnRepresentation.NgramTfidf, KnnDistance.Jaccard)]
    public void GivenRandomTraces_WhenTheIndexIsAsked_ThenItsDistancesEqualABruteForceDenseComputation(KnnRepresentation representation, KnnDistance distance)
    {
        // Given: 40 training and 30 query traces over a small alphabet, so n-grams repeat and some are unseen
        var random = new Random(11);
        int[] Random() => Enumerable.Range(0, random.Next(0, 30)).Select(_ => random.Next(0, 6)).ToArray();
        var training = Enumerable.Range(0, 40).Select(_ => Random()).ToArray();
        var queries = Enumerable.Range(0, 30).Select(_ => Random()).Append([9, 9, 9]).ToArray();
        var options = new KnnOptions { Representation = representation, Distance = distance, NgramLength = 2, K = 4 };
        using var knn = Fit(options, training);

        foreach (var query in queries)
        {
            // When
            var nearest = knn.NearestDistances(query);

            // Then
            var expected = training.Select(t => DenseKnn.Distance(options, training, query, t)).Order().Take(4).ToArray();
            Assert.Equal(expected.Length, nearest.Count);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], nearest[i], 9);
            }
        }
    }

    [Fact]
    public void GivenASavedModel_WhenItsTracesFileIsCutShort_ThenLoadingNamesTheFile()
    {
        using var knn = Fit(new KnnOptions(), [1, 2, 3, 4], [5, 6, 7]);
        using var directory = new TempDirectory();
        DetectorRegistry.Save(knn, directory.Path);
        var file = Path.Combine(directory.Path, "traces.bin");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^6]);

        var error = Assert.Throws<SyscallBenchException>(() => new DetectorRegistry(DetectorRegistry.CoreDescriptors).Load(directory.Path));

        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void GivenASavedModel_WhenItsHeaderHasAnInvalidK_ThenLoadingNamesTheFileAndTheOption()
    {
        using var knn = Fit(new KnnOptions(), [1, 2, 3, 4]);
        using var directory = new TempDirectory();
        DetectorRegistry.Save(knn, directory.Path);
        var header = Path.Combine(directory.Path, "model.json");
        File.WriteAllText(header, File.ReadAllText(header).Replace("\"k\": 1", "\"k\": 0"));

        var error = Assert.Throws<SyscallBenchException>(() => new DetectorRegistry(DetectorRegistry.CoreDescriptors).Load(directory.Path));

        Assert.Contains(header, error.Message);
        Assert.Contains("k must be at least 1", error.Message);
    }
}

/// <summary>The knn distances the slow, obvious way: dense vectors over every n-gram of both traces.</summary>
internal static class DenseKnn
{
    public static double Distance(KnnOptions options, int[][] training, int[] a, int[] b)
    {
        var n = options.Representation == KnnRepresentation.SyscallSet ? 1 : options.NgramLength;
        var (wa, wb) = (Weights(options, training, a, n), Weights(options, training, b, n));
        var keys = wa.Keys.Union(wb.Keys).ToArray();
        double A(string key) => wa.GetValueOrDefault(key);
        double B(string key) => wb.GetValueOrDefault(key);
        switch (options.Distance)
        {
            case KnnDistance.Jaccard:
                var max = keys.Sum(key => Math.Max(A(key), B(key)));
                return max == 0 ? 0 : 1 - (keys.Sum(key => Math.Min(A(key), B(key))) / max);
            case KnnDistance.Cosine:
                var norms = Math.Sqrt(keys.Sum(key => A(key) * A(key))) * Math.Sqrt(keys.Sum(key => B(key) * B(key)));
                return 1 - (keys.Sum(key => A(key) * B(key)) / norms);
            default:
                return Math.Sqrt(keys.Sum(key => Math.Pow(A(key) - B(key), 2)));
        }
    }

    private static Dictionary<string, double> Weights(KnnOptions options, int[][] training, int[] calls, int n)
    {
        var grams = Grams(calls, n);
        var counts = grams.GroupBy(g => g).ToDictionary(g => g.Key, g => (double)g.Count());
        return counts.ToDictionary(kv => kv.Key, kv => options.Representation switch
        {
            KnnRepresentation.NgramTf => kv.Value / grams.Count,
            KnnRepresentation.NgramTfidf => kv.Value / grams.Count
                * (Math.Log((1.0 + training.Length) / (1.0 + training.Count(t => Grams(t, n).Contains(kv.Key)))) + 1),
            _ => 1.0,
        });
    }

    private static List<string> Grams(int[] calls, int n) =>
        calls.Length < n
            ? [string.Join(',', calls.Concat(Enumerable.Repeat(-1, n - calls.Length)))]
            : Enumerable.Range(0, calls.Length - n + 1).Select(i => string.Join(',', calls.Skip(i).Take(n))).ToList();
}
