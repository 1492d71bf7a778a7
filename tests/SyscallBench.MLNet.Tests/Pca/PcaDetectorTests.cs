using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Pca;
using SyscallBench.TestSupport;

namespace SyscallBench.MLNet.Tests.Pca;

public sealed class PcaDetectorTests
{
    private static IFittedDetector Fit(IReadOnlyList<Trace> train, PcaOptions? options = null, int seed = 42) =>
        new PcaDetector("pca-test", options ?? new PcaOptions { Rank = 3 }).Fit(train, new FitContext(seed));

    [Fact]
    public void GivenNormalTraining_WhenScoringAPlantedAnomaly_ThenItOutscoresEveryNormalTestTrace()
    {
        // Given
        using var fitted = Fit(SyntheticTraces.Normals(60, seed: 1), new PcaOptions());
        var normals = SyntheticTraces.Normals(40, seed: 2);

        // When
        var normalScores = fitted.ScoreMany(normals).Select(s => s.Value).ToArray();
        var attack = fitted.Score(SyntheticTraces.ReversedAttack()).Value;

        // Then: ML.NET's normalised reconstruction error lies in [0, 1]
        Assert.All(normalScores, s => Assert.InRange(s, 0, 1));
        Assert.True(attack > normalScores.Max(), $"attack {attack} <= max normal {normalScores.Max()}");
    }

    [Fact]
    public void GivenSavedDetector_WhenLoadedThroughTheRegistry_ThenScoresAreIdentical()
    {
        // Given
        var registry = new DetectorRegistry(MLNetDetectors.Descriptors);
        using var fitted = Fit(SyntheticTraces.Normals(30, seed: 3));
        var probe = SyntheticTraces.Normals(10, seed: 4).Append(SyntheticTraces.UnseenAttack()).Append(Trace.Normal("empty", [])).ToArray();
        using var directory = new TempDirectory();

        // When
        DetectorRegistry.Save(fitted, directory.Path);
        using var loaded = registry.Load(directory.Path);

        // Then
        Assert.Equal(PcaDetector.TypeName, loaded.Type);
        Assert.Equal(fitted.ScoreMany(probe).Select(s => s.Value), loaded.ScoreMany(probe).Select(s => s.Value));
        Assert.Equal(probe.Select(t => fitted.Score(t).Value), probe.Select(t => loaded.Score(t).Value));
    }

    [Fact]
    public void GivenSameSeed_WhenFittedTwice_ThenScoresAreIdentical()
    {
        // Given
        var train = SyntheticTraces.Normals(30, seed: 5);
        var probe = SyntheticTraces.Normals(10, seed: 6);

        // When
        using var first = Fit(train, seed: 7);
        using var second = Fit(train, seed: 7);

        // Then
        Assert.Equal(first.ScoreMany(probe).Select(s => s.Value), second.ScoreMany(probe).Select(s => s.Value));
    }

    [Fact]
    public void GivenEmptyTraceWithCentring_WhenScoring_ThenTheScoreIsFiniteAndInRange()
    {
        // Given
        using var fitted = Fit(SyntheticTraces.Normals(30, seed: 8));

        // When
        var empty = fitted.Score(Trace.Normal("empty", [])).Value;

        // Then
        Assert.InRange(empty, 0, 1);
    }

    [Fact]
    public void GivenEmptyTraceWithoutCentring_WhenScoring_ThenTheDocumentedScoreOneReplacesNaN()
    {
        // Given: without centring the mean is 0, so ML.NET computes 0/0 for the zero vector
        using var fitted = Fit(SyntheticTraces.Normals(30, seed: 9), new PcaOptions { Rank = 3, EnsureZeroMean = false });

        // When
        var single = fitted.Score(Trace.Normal("empty", [])).Value;
        var batch = fitted.ScoreMany([Trace.Normal("empty", [])])[0].Value;

        // Then
        Assert.Equal(1.0, single);
        Assert.Equal(1.0, batch);
    }

    [Fact]
    public void GivenDropWithoutCentring_WhenScoringAnAllUnseenTrace_ThenItIsTheZeroVectorAndScoresOne()
    {
        // Given
        using var fitted = Fit(SyntheticTraces.Normals(30, seed: 9),
            new PcaOptions { Rank = 3, EnsureZeroMean = false, UnseenNgrams = UnseenNGramHandling.Drop });

        // When
        var batch = fitted.ScoreMany([Trace.Normal("unseen", [700, 701])])[0].Value;

        // Then
        Assert.Equal(1.0, batch);
    }

    [Fact]
    public void GivenTheUnseenBucketWithoutCentring_WhenScoringAnAllUnseenTrace_ThenNothingOfItIsExplained()
    {
        // Given
        using var fitted = Fit(SyntheticTraces.Normals(30, seed: 9), new PcaOptions { Rank = 3, EnsureZeroMean = false });

        // When: the bucket axis, which no principal direction touches
        var unseen = fitted.Score(Trace.Normal("unseen", [700, 701])).Value;

        // Then
        Assert.Equal(1.0, unseen, 1e-6);
    }

    [Fact]
    public void GivenTheUnseenBucketWithCentring_WhenScoringAnAllUnseenTrace_ThenItScoresAboveOneOverRootTwoAndAboveDrop()
    {
        // Given
        var train = SyntheticTraces.Normals(30, seed: 9);
        using var bucket = Fit(train);
        using var drop = Fit(train, new PcaOptions { Rank = 3, UnseenNgrams = UnseenNGramHandling.Drop });
        var allUnseen = Trace.Normal("unseen", [700, 701]);

        // When
        var withBucket = bucket.Score(allUnseen).Value;
        var withDrop = drop.Score(allUnseen).Value;

        // Then: bucket sqrt(1 - |Um|^2 / (1 + |m|^2)) >= 1/sqrt 2, and above drop's zero vector,
        // sqrt(1 - |Um|^2 / |m|^2) (same m, and U up to the randomized SVD: the bucket column is 0 in training)
        Assert.True(withBucket >= 1 / Math.Sqrt(2) - 1e-6, $"bucket scored {withBucket}");
        Assert.True(withBucket > withDrop, $"bucket {withBucket} <= drop {withDrop}");
    }

    [Fact]
    public void GivenRankAboveTheFeatureCount_WhenFitting_ThenTheRankIsCappedAndScoringWorks()
    {
        // Given: 2 distinct syscalls and n = 1 → 2 features, rank 20
        var train = Enumerable.Range(0, 10).Select(i => Trace.Normal($"t{i}", i % 2 == 0 ? [1, 2, 2] : [1, 1, 2])).ToArray();

        // When
        using var fitted = Fit(train, new PcaOptions { Rank = 20, NgramLength = 1 });

        // Then
        Assert.All(fitted.ScoreMany(train), s => Assert.True(double.IsFinite(s.Value)));
    }

    [Fact]
    public void GivenBadOptions_WhenValidating_ThenEachProblemIsReported()
    {
        // Given
        var options = new PcaOptions { Rank = 0, Oversampling = -1, NgramLength = 0 };

        // When
        var properties = options.Validate().Select(e => e.Property).ToArray();

        // Then
        Assert.Equal([nameof(PcaOptions.Rank), nameof(PcaOptions.Oversampling), nameof(PcaOptions.NgramLength)], properties);
    }
}
