using SyscallBench.MLNet.Svm;

namespace SyscallBench.MLNet.Tests.Svm;

/// <summary>
/// The solver against scikit-learn's OneClassSVM (libsvm) on committed fixtures.
/// Tolerance: |ours − sklearn| ≤ 1e-4 · |sklearn| + 1e-6 · max(1, ρ). The absolute part exists because a
/// decision value is a difference of terms of size up to ρ (Σa_i = ν·l), so values near 0 (training
/// points on the boundary) cannot be compared relatively; 1e-6 of ρ is still far below the solver
/// tolerance (1e-3), so any different iteration path would show.
/// </summary>
public sealed class SklearnParityTests
{
    public static IEnumerable<object[]> Cases => SklearnFixture.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenFixture_WhenResolvingGamma_ThenItMatchesScikitLearn(string name)
    {
        // Given
        var fixture = SklearnFixture.Load(name);

        // When
        var gamma = GammaChoice.Resolve(fixture.Gamma, fixture.TrainVectors, fixture.FeatureCount);

        // Then
        Assert.Equal(fixture.GammaResolved, gamma, 1e-12 * fixture.GammaResolved);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenFixture_WhenFitted_ThenSupportVectorsMatchScikitLearn(string name)
    {
        // Given
        var fixture = SklearnFixture.Load(name);
        var train = fixture.TrainVectors;

        // When
        var model = OneClassSvmSolver.Fit(train, Parameters(fixture, train));

        // Then
        Assert.True(model.Converged);
        Assert.Equal(fixture.SupportCount, model.SupportVectorCount);
        Assert.Equal(fixture.Support, model.SupportIndices);
        AssertClose(fixture.Rho, model.Rho, fixture.Rho, "rho");
        for (var k = 0; k < fixture.DualCoefficients.Length; k++)
        {
            AssertClose(fixture.DualCoefficients[k], model.Coefficients[k], 1, $"dual_coef[{k}]");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenFixture_WhenScored_ThenDecisionValuesMatchScikitLearn(string name)
    {
        // Given
        var fixture = SklearnFixture.Load(name);
        var train = fixture.TrainVectors;
        var model = OneClassSvmSolver.Fit(train, Parameters(fixture, train));

        // When
        var onTrain = train.Select(model.Decision).ToArray();
        var onTest = fixture.TestVectors.Select(model.Decision).ToArray();

        // Then
        for (var i = 0; i < onTrain.Length; i++)
        {
            AssertClose(fixture.DecisionTrain[i], onTrain[i], fixture.Rho, $"train[{i}]");
        }

        for (var i = 0; i < onTest.Length; i++)
        {
            AssertClose(fixture.DecisionTest[i], onTest[i], fixture.Rho, $"test[{i}]");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenFixture_WhenFittedWithoutShrinkingAndTinyCache_ThenDecisionValuesStillMatch(string name)
    {
        // Given: shrinking off and a cache of (at least) two rows change the work, not the answer.
        var fixture = SklearnFixture.Load(name);
        var train = fixture.TrainVectors;
        var parameters = Parameters(fixture, train) with { Shrinking = false, CacheSizeMb = 0 };

        // When
        var model = OneClassSvmSolver.Fit(train, parameters);

        // Then: without shrinking the path differs, so only the solver tolerance is promised.
        var tolerance = 10 * fixture.Tolerance * Math.Max(1, fixture.Rho);
        var onTest = fixture.TestVectors.Select(model.Decision).ToArray();
        for (var i = 0; i < onTest.Length; i++)
        {
            Assert.True(Math.Abs(onTest[i] - fixture.DecisionTest[i]) <= tolerance,
                $"{name} test[{i}]: expected {fixture.DecisionTest[i]:R}, got {onTest[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenFixture_WhenTheCacheHoldsOnlyTwoRows_ThenTheSolutionIsBitIdentical(string name)
    {
        // Given: the cache changes which rows are recomputed, never their values (libsvm semantics),
        // including across the row/column swaps of shrinking
        var fixture = SklearnFixture.Load(name);
        var train = fixture.TrainVectors;
        var roomy = OneClassSvmSolver.Fit(train, Parameters(fixture, train));

        // When
        var tiny = OneClassSvmSolver.Fit(train, Parameters(fixture, train) with { CacheSizeMb = 0 });

        // Then
        Assert.Equal(roomy.Rho, tiny.Rho);
        Assert.Equal(roomy.SupportIndices, tiny.SupportIndices);
        Assert.Equal(roomy.Coefficients, tiny.Coefficients);
        Assert.Equal(roomy.Iterations, tiny.Iterations);
    }

    internal static OneClassSvmParameters Parameters(SklearnFixture fixture, IReadOnlyList<SparseVector> train) =>
        new(fixture.Nu, fixture.ResolveKernel(train), fixture.Tolerance, CacheSizeMb: 200, Shrinking: true, MaxIterations: -1);

    private static void AssertClose(double expected, double actual, double scale, string what)
    {
        var tolerance = 1e-4 * Math.Abs(expected) + 1e-6 * Math.Max(1, Math.Abs(scale));
        Assert.True(Math.Abs(expected - actual) <= tolerance,
            $"{what}: expected {expected:R}, got {actual:R} (|diff| {Math.Abs(expected - actual):E3} > {tolerance:E3})");
    }
}
