using SyscallBench.Core;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Ocsvm;
using SyscallBench.MLNet.Svm;
using SyscallBench.TestSupport;

namespace SyscallBench.MLNet.Tests.Ocsvm;

public sealed class OcsvmDetectorTests
{
    private static FittedOcsvmDetector Fit(IReadOnlyList<Trace> train, OcsvmOptions? options = null) =>
        (FittedOcsvmDetector)new OcsvmDetector("ocsvm-test", options ?? new OcsvmOptions()).Fit(train, FitContext.Default);

    [Fact]
    public void GivenNormalTraining_WhenScoringPlantedAnomalies_ThenTheyOutscoreEveryNormalTestTrace()
    {
        // Given
        using var fitted = Fit(SyntheticTraces.Normals(60, seed: 1));
        var normals = SyntheticTraces.Normals(40, seed: 2);

        // When
        var normalScores = fitted.ScoreMany(normals).Select(s => s.Value).ToArray();
        var reversed = fitted.Score(SyntheticTraces.ReversedAttack()).Value;

        // Then
        Assert.All(normalScores, s => Assert.True(double.IsFinite(s)));
        Assert.True(reversed > normalScores.Max(), $"reversed {reversed} <= max normal {normalScores.Max()}");
    }

    [Fact]
    public void GivenFittedDetector_WhenScoringOneByOneAndInBatch_ThenScoresAreIdenticalAndEqualMinusTheDecision()
    {
        // Given
        using var fitted = Fit(SyntheticTraces.Normals(30, seed: 3));
        var probe = SyntheticTraces.Normals(10, seed: 4).Append(SyntheticTraces.ReversedAttack()).ToArray();

        // When
        var batch = fitted.ScoreMany(probe);

        // Then
        for (var i = 0; i < probe.Length; i++)
        {
            var single = fitted.Score(probe[i]).Value;
            Assert.Equal(single, batch[i].Value);
            Assert.Equal(-fitted.Model.Decision(fitted.Featurizer.Transform(probe[i])), single);
        }
    }

    [Fact]
    public void GivenSavedDetector_WhenLoadedThroughTheRegistry_ThenScoresAreIdentical()
    {
        // Given
        var registry = new DetectorRegistry(MLNetDetectors.Descriptors);
        using var fitted = Fit(SyntheticTraces.Normals(30, seed: 5), new OcsvmOptions { Weighting = NGramWeighting.TfIdf });
        var probe = SyntheticTraces.Normals(10, seed: 6).Append(SyntheticTraces.UnseenAttack()).Append(Trace.Normal("empty", [])).ToArray();
        using var directory = new TempDirectory();

        // When
        DetectorRegistry.Save(fitted, directory.Path);
        using var loaded = registry.Load(directory.Path);

        // Then
        Assert.Equal(OcsvmDetector.TypeName, loaded.Type);
        Assert.Equal(fitted.ScoreMany(probe).Select(s => s.Value), loaded.ScoreMany(probe).Select(s => s.Value));
        Assert.Equal(probe.Select(t => fitted.Score(t).Value), probe.Select(t => loaded.Score(t).Value));
    }

    [Fact]
    public void GivenSameSeedAndData_WhenFittedTwice_ThenScoresAreIdentical()
    {
        // Given
        var train = SyntheticTraces.Normals(30, seed: 7);
        var probe = SyntheticTraces.Normals(10, seed: 8);

        // When
        using var first = Fit(train);
        using var second = Fit(train);

        // Then
        Assert.Equal(first.ScoreMany(probe).Select(s => s.Value), second.ScoreMany(probe).Select(s => s.Value));
    }

    [Fact]
    public void GivenRbfKernel_WhenScoringAnEmptyTrace_ThenItGetsTheDocumentedZeroVectorScore()
    {
        // Given: K(0, x_i) = exp(-gamma * |x_i|^2), |x_i| = 1 up to float32 rounding of the features
        using var fitted = Fit(SyntheticTraces.Normals(30, seed: 9));
        var model = fitted.Model;
        var expected = model.Rho - model.SupportVectors
            .Select((sv, i) => model.Coefficients[i] * Math.Exp(-model.Kernel.Gamma * SparseVector.Dot(sv, sv)))
            .Sum();
        var unitLengthApproximation = model.Rho - Math.Exp(-model.Kernel.Gamma) * model.Coefficients.Sum();

        // When
        var empty = fitted.Score(Trace.Normal("empty", [])).Value;

        // Then
        Assert.Equal(expected, empty, 1e-12);
        Assert.Equal(unitLengthApproximation, empty, 1e-6);
    }

    [Fact]
    public void GivenRbfKernelAndTheUnseenBucket_WhenScoringAnAllUnseenTrace_ThenItGetsTheOrthogonalUnitVectorScoreAboveEveryOtherTrace()
    {
        // Given: K(e, x_i) = exp(-gamma * (|x_i|^2 + 1)) for the bucket axis e, orthogonal to every x_i
        var train = SyntheticTraces.Normals(30, seed: 9);
        using var fitted = Fit(train);
        var model = fitted.Model;
        var expected = model.Rho - model.SupportVectors
            .Select((sv, i) => model.Coefficients[i] * Math.Exp(-model.Kernel.Gamma * (SparseVector.Dot(sv, sv) + 1)))
            .Sum();
        var others = SyntheticTraces.Normals(20, seed: 19).Concat(train)
            .Append(SyntheticTraces.ReversedAttack()).Append(SyntheticTraces.UnseenAttack()).Append(Trace.Normal("empty", []));

        // When
        var unseen = fitted.Score(Trace.Normal("unseen", [500, 501, 502])).Value;

        // Then: the documented value, and the highest score there is (non-negative features)
        Assert.Equal(expected, unseen, 1e-12);
        Assert.All(others, t => Assert.True(fitted.Score(t).Value < unseen, $"{t.Id} scored {fitted.Score(t).Value} >= {unseen}"));
    }

    [Fact]
    public void GivenDrop_WhenScoringEmptyAndAllUnseenTraces_ThenBothGetTheZeroVectorScore()
    {
        // Given
        using var fitted = Fit(SyntheticTraces.Normals(30, seed: 9), new OcsvmOptions { UnseenNgrams = UnseenNGramHandling.Drop });

        // When
        var empty = fitted.Score(Trace.Normal("empty", [])).Value;
        var unseen = fitted.Score(Trace.Normal("unseen", [500, 501, 502])).Value;

        // Then
        Assert.Equal(empty, unseen);
    }

    [Fact]
    public void GivenLinearKernel_WhenScoringAnEmptyOrAllUnseenTrace_ThenTheScoreIsRho()
    {
        // Given
        using var fitted = Fit(SyntheticTraces.Normals(30, seed: 10), new OcsvmOptions { Kernel = KernelType.Linear });

        // When: zero vector, and the bucket axis orthogonal to every support vector
        var empty = fitted.Score(Trace.Normal("empty", [])).Value;
        var unseen = fitted.Score(Trace.Normal("unseen", [500, 501, 502])).Value;

        // Then
        Assert.Equal(fitted.Model.Rho, empty);
        Assert.Equal(fitted.Model.Rho, unseen);
    }

    [Fact]
    public void GivenTracesShorterThanN_WhenFittingAndScoring_ThenScoresAreFinite()
    {
        // Given: n = 5, traces of 1..4 calls
        var train = new[] { Trace.Normal("a", [1]), Trace.Normal("b", [1, 2]), Trace.Normal("c", [1, 2, 3]), Trace.Normal("d", [1, 2, 3, 4]) };

        // When
        using var fitted = Fit(train, new OcsvmOptions { NgramLength = 5 });
        var scores = fitted.ScoreMany([.. train, Trace.Normal("e", [2, 1])]);

        // Then
        Assert.All(scores, s => Assert.True(double.IsFinite(s.Value)));
    }

    [Fact]
    public void GivenAllTrainingTracesIdentical_WhenFitting_ThenTheyScoreZeroAndADifferentTraceScoresHigher()
    {
        // Given
        var train = Enumerable.Range(0, 8).Select(i => Trace.Normal($"same-{i}", [1, 2, 3, 1, 2, 3])).ToArray();

        // When
        using var fitted = Fit(train);

        // Then: every alpha multiplies the same kernel value 1, rho = nu*l, f = 0 on the training point
        Assert.Equal(0, fitted.Score(train[0]).Value, 1e-9);
        Assert.True(fitted.Score(Trace.Normal("other", [3, 2, 1])).Value > 0.1);
    }

    [Fact]
    public void GivenASingleTrainingTrace_WhenFitting_ThenItIsTheOnlySupportVectorAndScoresZero()
    {
        // Given
        var train = new[] { Trace.Normal("only", [1, 2, 3, 4, 1, 2]) };

        // When
        using var fitted = Fit(train);

        // Then: a_0 = nu is free, rho = nu*K(x,x) = nu
        Assert.Equal(1, fitted.Model.SupportVectorCount);
        Assert.Equal(0.5, fitted.Model.Rho, 1e-12);
        Assert.Equal(0, fitted.Score(train[0]).Value, 1e-9);
        Assert.True(fitted.Score(Trace.Normal("other", [4, 3, 2, 1])).Value > 0);
    }

    [Fact]
    public void GivenNuOne_WhenFitting_ThenAllTracesAreBoundedSupportVectorsAndScoresAreFinite()
    {
        // Given: nu = 1 makes every a_i = 1; libsvm's rho would be infinite (scikit-learn refuses to fit)
        var train = SyntheticTraces.Normals(20, seed: 11);

        // When
        using var fitted = Fit(train, new OcsvmOptions { Nu = 1 });
        var trainScores = fitted.ScoreMany(train).Select(s => s.Value).ToArray();

        // Then: documented rho = max G, so every training score is >= 0 (up to the float rounding of the
        // cached kernel rows used in training) and the most typical one is 0
        Assert.Equal(20, fitted.Model.SupportVectorCount);
        Assert.All(fitted.Model.Coefficients, a => Assert.Equal(1.0, a));
        Assert.All(trainScores, s => Assert.True(double.IsFinite(s) && s >= -1e-6, $"score {s}"));
        Assert.Equal(0, trainScores.Min(), 1e-6);
        Assert.True(fitted.Score(SyntheticTraces.ReversedAttack()).Value > trainScores.Max());
    }

    [Fact]
    public void GivenTinyNu_WhenFitting_ThenOneSupportVectorCarriesAllTheWeight()
    {
        // Given
        var train = SyntheticTraces.Normals(20, seed: 12);

        // When
        using var fitted = Fit(train, new OcsvmOptions { Nu = 1e-6 });

        // Then
        Assert.Equal(1e-6 * 20, fitted.Model.Coefficients.Sum(), 1e-15);
        Assert.All(fitted.ScoreMany(train), s => Assert.True(double.IsFinite(s.Value)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    public void GivenNuOutsideZeroToOne_WhenValidating_ThenNuIsReported(double nu)
    {
        // Given
        var options = new OcsvmOptions { Nu = nu };

        // When
        var errors = options.Validate().ToArray();

        // Then
        var error = Assert.Single(errors);
        Assert.Equal(nameof(OcsvmOptions.Nu), error.Property);
        Assert.Contains("(0, 1]", error.Message);
    }

    [Theory]
    [InlineData("scale", true)]
    [InlineData("auto", true)]
    [InlineData("0.25", true)]
    [InlineData("1e-3", true)]
    [InlineData("0", false)]
    [InlineData("-1", false)]
    [InlineData("wide", false)]
    public void GivenGammaText_WhenValidating_ThenOnlyScaleAutoOrPositiveNumbersPass(string gamma, bool valid)
    {
        // Given
        var options = new OcsvmOptions { Gamma = gamma };

        // When
        var errors = options.Validate().ToArray();

        // Then
        Assert.Equal(valid, errors.Length == 0);
    }

    [Fact]
    public void GivenBadSettings_WhenValidating_ThenEveryProblemIsReportedAtOnce()
    {
        // Given
        var options = new OcsvmOptions { Tolerance = 0, CacheSizeMb = -1, MaxIterations = 0, NgramLength = 11 };

        // When
        var properties = options.Validate().Select(e => e.Property).ToArray();

        // Then
        Assert.Equal([nameof(OcsvmOptions.Tolerance), nameof(OcsvmOptions.CacheSizeMb), nameof(OcsvmOptions.MaxIterations), nameof(OcsvmOptions.NgramLength)], properties);
    }

    [Fact]
    public void GivenMaxIterationsCap_WhenTheSolverStopsEarly_ThenTheModelSaysItDidNotConverge()
    {
        // Given
        var train = SyntheticTraces.Normals(40, seed: 13);

        // When
        using var fitted = Fit(train, new OcsvmOptions { MaxIterations = 1 });

        // Then
        Assert.False(fitted.Model.Converged);
        Assert.All(fitted.ScoreMany(train), s => Assert.True(double.IsFinite(s.Value)));
    }

    [Fact]
    public void GivenOnlyEmptyTrainingTraces_WhenFitting_ThenAUserErrorExplainsWhy()
    {
        // Given / When
        var error = Assert.Throws<SyscallBenchException>(() => Fit([Trace.Normal("e1", []), Trace.Normal("e2", [])]));

        // Then
        Assert.Contains("no system calls", error.Message);
    }

    [Fact]
    public void GivenFittedDetector_WhenDisposedTwice_ThenNothingThrows()
    {
        // Given
        var fitted = Fit(SyntheticTraces.Normals(10, seed: 14));
        fitted.Score(SyntheticTraces.ReversedAttack());

        // When
        fitted.Dispose();
        var second = Record.Exception(fitted.Dispose);

        // Then
        Assert.Null(second);
    }

    [Fact]
    public void GivenADirectoryWithoutAModel_WhenLoading_ThenAUserErrorNamesTheDirectory()
    {
        // Given
        using var directory = new TempDirectory();

        // When
        var error = Assert.Throws<SyscallBenchException>(() => FittedOcsvmDetector.Load(directory.Path));

        // Then
        Assert.Contains(directory.Path, error.Message);
    }
}
