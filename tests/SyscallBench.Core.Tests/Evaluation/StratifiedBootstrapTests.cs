using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;
using Xunit.Abstractions;

namespace SyscallBench.Core.Tests.Evaluation;

public sealed class StratifiedBootstrapTests(ITestOutputHelper output)
{
    private static readonly EvaluationOptions Options = new() { BootstrapResamples = 1000, BootstrapSeed = 7 };

    [Fact]
    public void GivenSameSeed_WhenEvaluatedTwice_ThenIntervalsAreIdentical()
    {
        // Given
        var scores = ScoreSets.Gaussian(300, 60, 1.0, seed: 1);

        // When
        var first = Evaluator.Evaluate("d", scores, Options);
        var second = Evaluator.Evaluate("d", scores, Options);

        // Then
        Assert.Equal(first.RocAucCi, second.RocAucCi);
        Assert.Equal(first.AveragePrecisionCi, second.AveragePrecisionCi);
    }

    [Fact]
    public void GivenShuffledInput_WhenEvaluated_ThenIntervalsAreIdentical()
    {
        // Given
        var scores = ScoreSets.Gaussian(300, 60, 1.0, seed: 2);
        var shuffled = scores.OrderBy(s => s.Score.GetHashCode() ^ 0x5bd1e995).ThenBy(s => s.TraceId).ToArray();
        Assert.NotEqual(scores.Select(s => s.TraceId), shuffled.Select(s => s.TraceId));

        // When
        var original = Evaluator.Evaluate("d", scores, Options);
        var reordered = Evaluator.Evaluate("d", shuffled, Options);

        // Then
        Assert.Equal(original.RocAucCi, reordered.RocAucCi);
        Assert.Equal(original.AveragePrecisionCi, reordered.AveragePrecisionCi);
    }

    [Fact]
    public void GivenDifferentSeeds_WhenEvaluated_ThenIntervalsDiffer()
    {
        // Given
        var scores = ScoreSets.Gaussian(300, 60, 1.0, seed: 3);

        // When
        var seven = Evaluator.Evaluate("d", scores, Options);
        var eight = Evaluator.Evaluate("d", scores, new EvaluationOptions { BootstrapSeed = 8 });

        // Then
        Assert.NotEqual(seven.RocAucCi, eight.RocAucCi);
    }

    [Fact]
    public void GivenOverlappingClasses_WhenBootstrapped_ThenIntervalsContainThePointEstimatesAndHaveTheLevel()
    {
        // Given
        var fixture = SklearnFixture.Load("random_gaussian_2000");

        // When
        var evaluation = Evaluator.Evaluate("d", fixture.ToScoredTraces(), new EvaluationOptions { ConfidenceLevel = 0.9 });

        // Then
        var auc = evaluation.RocAucCi!;
        var ap = evaluation.AveragePrecisionCi!;
        output.WriteLine($"AUC {evaluation.RocAuc} CI [{auc.Lower}, {auc.Upper}]; AP {evaluation.AveragePrecision} CI [{ap.Lower}, {ap.Upper}]");
        Assert.Equal(0.9, auc.Level);
        Assert.InRange(evaluation.RocAuc, auc.Lower, auc.Upper);
        Assert.InRange(evaluation.AveragePrecision, ap.Lower, ap.Upper);
        Assert.InRange(auc.Upper - auc.Lower, 0.01, 0.1);
        Assert.InRange(ap.Upper - ap.Lower, 0.01, 0.2);
    }

    [Fact]
    public void GivenOverlappingClasses_WhenBootstrapped_ThenAucSpreadMatchesDeLongStandardError()
    {
        // Given: DeLong's variance of the empirical AUC, var(V10)/P + var(V01)/N, which a stratified
        // bootstrap estimates. A wrong resampling scheme (unstratified, one class only) misses it.
        // Balanced classes, so that each contributes about half the variance and dropping either shows.
        var scores = ScoreSets.Gaussian(800, 800, 0.8, seed: 4);
        var normals = scores.Where(s => s.Label == TraceLabel.Normal).Select(s => s.Score).ToArray();
        var attacks = scores.Where(s => s.Label == TraceLabel.Attack).Select(s => s.Score).ToArray();
        static double Kernel(double attack, double normal) => attack > normal ? 1 : attack == normal ? 0.5 : 0;
        var v10 = attacks.Select(a => normals.Average(n => Kernel(a, n))).ToArray();
        var v01 = normals.Select(n => attacks.Average(a => Kernel(a, n))).ToArray();
        var deLongStandardError = Math.Sqrt((Variance(v10) / attacks.Length) + (Variance(v01) / normals.Length));

        // When
        var replicates = StratifiedBootstrap.Run(RankedScores.Build("d", scores), 2000, 11);

        // Then
        var bootstrapStandardError = Math.Sqrt(Variance(replicates.Aucs));
        output.WriteLine($"bootstrap SE {bootstrapStandardError}, DeLong SE {deLongStandardError}");
        Assert.InRange(bootstrapStandardError / deLongStandardError, 0.9, 1.1);
        Assert.InRange(replicates.Aucs.Average(), v10.Average() - 0.01, v10.Average() + 0.01);
    }

    [Fact]
    public void GivenPerfectlySeparatedClasses_WhenBootstrapped_ThenEveryResampleScoresOne()
    {
        // Given
        var scores = ScoreSets.Build([0.1, 0.2, 0.3, 0.2], [5, 6, 7]);

        // When
        var evaluation = Evaluator.Evaluate("d", scores, Options);

        // Then: stratification keeps both classes in every resample, so AUC and AP stay 1.
        Assert.Equal(new ConfidenceInterval(1, 1, 0.95), evaluation.RocAucCi);
        Assert.Equal(new ConfidenceInterval(1, 1, 0.95), evaluation.AveragePrecisionCi);
    }

    [Fact]
    public void GivenZeroResamples_WhenEvaluated_ThenIntervalsAreNull()
    {
        // Given
        var options = new EvaluationOptions { BootstrapResamples = 0 };

        // When
        var evaluation = Evaluator.Evaluate("d", ScoreSets.SmallTied(), options);

        // Then
        Assert.Null(evaluation.RocAucCi);
        Assert.Null(evaluation.AveragePrecisionCi);
    }

    [Theory]
    [InlineData(0.5, 2.0, 4.0)] // quantiles 0.25 and 0.75 at positions 1 and 3
    [InlineData(0.9, 1.2, 4.8)] // quantiles 0.05 and 0.95 at positions 0.2 and 3.8, interpolated
    public void GivenReplicates_WhenTakingPercentileInterval_ThenNumpyLinearQuantilesAreUsed(double level, double lower, double upper)
    {
        // Given
        double[] replicates = [5, 3, 1, 4, 2];

        // When
        var interval = StratifiedBootstrap.PercentileInterval(replicates, level);

        // Then
        Assert.Equal(lower, interval.Lower, 1e-12);
        Assert.Equal(upper, interval.Upper, 1e-12);
        Assert.Equal(level, interval.Level);
    }

    private static double Variance(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}
