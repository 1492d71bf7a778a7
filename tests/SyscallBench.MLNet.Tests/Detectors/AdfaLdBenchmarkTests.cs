using System.Diagnostics;
using System.Text.Json;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Benchmarks;
using SyscallBench.MLNet.Features;
using SyscallBench.MLNet.Ocsvm;
using Xunit.Abstractions;

namespace SyscallBench.MLNet.Tests.Detectors;

/// <summary>
/// Opt-in dataset-scale checks on the ADFA-LD official split (see <see cref="AdfaLdBenchmarkFactAttribute"/>).
/// Speed is judged only as a ratio to a reference measured in the same run, alternating, best of
/// SYSCALLBENCH_BENCH_REPEAT rounds (default 3), so that a busy machine slows both sides alike.
/// </summary>
public sealed class AdfaLdBenchmarkTests(ITestOutputHelper output)
{
    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("SYSCALLBENCH_BENCH_REPEAT"), out var n) && n > 0 ? n : 3;

    [AdfaLdBenchmarkFact]
    public void GivenAdfaLdOfficialSplit_WhenOcsvmRunsWithDefaults_ThenFitAndScoreTakeUnder30SecondsAndRankAttacksAboveChance()
    {
        // Given
        var dataset = AdfaLdTestData.Load(AdfaLdTestData.Locate()!);
        Assert.Equal((833, 4372, 746), (dataset.Train.Count, dataset.TestNormalCount, dataset.TestAttackCount));

        // When
        var result = OcsvmBenchmark.Run(dataset);
        output.WriteLine(result.Summary());
        output.WriteLine("breakdown: " + OcsvmBenchmark.Breakdown(dataset));

        // Then
        Assert.True(result.TotalSeconds < 30, $"fit + score took {result.TotalSeconds:F1} s");
        Assert.True(result.RocAuc > 0.6, $"ROC AUC {result.RocAuc:F4}");
    }

    /// <summary>
    /// Our whole path (n-gram features, fit, score) against scikit-learn's fit and score on the identical
    /// feature matrix, which it is given ready-made. With SYSCALLBENCH_BENCH_OUT the exported matrices stay
    /// there for tests/tools/ocsvm_sklearn_timing.py.
    /// </summary>
    [ScikitLearnBenchmarkFact]
    public void GivenAdfaLdOfficialSplit_WhenOcsvmVersusScikitLearnRunSideBySide_ThenOursIsNoSlowerWithTheSameSupportVectorsAndScoresWithin1e9()
    {
        var dataset = AdfaLdTestData.Load(AdfaLdTestData.Locate()!);
        var options = new OcsvmOptions();
        var kept = Environment.GetEnvironmentVariable("SYSCALLBENCH_BENCH_OUT") is { Length: > 0 } given ? given : null;
        var folder = kept ?? Directory.CreateTempSubdirectory("ocsvm-vs-sklearn-").FullName;
        try
        {
            CompareWithScikitLearn(dataset, options, folder);
        }
        finally
        {
            if (kept is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private void CompareWithScikitLearn(LabeledDataset dataset, OcsvmOptions options, string folder)
    {
        // Given: our model's support vectors and scores, and the feature matrices, exported for scikit-learn
        using (var fitted = (FittedOcsvmDetector)new OcsvmDetector("ocsvm", options).Fit(dataset.Train, new FitContext(42)))
        {
            var scores = fitted.ScoreMany(dataset.Test).Select(s => s.Value).ToArray();
            OcsvmBenchmark.ExportFeatures(dataset, options, folder, scores, supportIndices: fitted.Model.SupportIndices);
        }

        // When: alternating rounds, each side's best
        var ours = double.PositiveInfinity;
        var theirs = double.PositiveInfinity;
        JsonElement agreement = default;
        for (var round = 0; round < Rounds; round++)
        {
            var result = OcsvmBenchmark.Run(dataset, options);
            ours = Math.Min(ours, result.TotalSeconds);
            output.WriteLine($"round {round + 1}: ours {result.TotalSeconds:F2} s ({result.Summary()})");

            var json = Path.Combine(folder, "sklearn.json");
            var report = SklearnComparison.Run(folder, RepositoryRoot(), ScikitLearnBenchmarkFactAttribute.Python, jsonResult: json);
            agreement = JsonDocument.Parse(File.ReadAllText(json)).RootElement.Clone();
            var seconds = agreement.GetProperty("fit_seconds").GetDouble() + agreement.GetProperty("score_seconds").GetDouble();
            theirs = Math.Min(theirs, seconds);
            output.WriteLine($"round {round + 1}: scikit-learn fit + score {seconds:F2} s\n{report}");
        }

        output.WriteLine($"best of {Rounds}: ours (features + fit + score) {ours:F2} s, scikit-learn (fit + score) {theirs:F2} s, ratio {ours / theirs:F2}");

        // Then
        Assert.True(agreement.GetProperty("support_identical").GetBoolean(), "support vectors differ from scikit-learn's");
        var difference = agreement.GetProperty("max_abs_score_difference").GetDouble();
        Assert.True(difference <= 1e-9, $"scores differ from scikit-learn's by up to {difference:E3}");
        Assert.True(ours <= theirs, $"ours {ours:F2} s against scikit-learn's {theirs:F2} s (ratio {ours / theirs:F2})");
    }

    /// <summary>
    /// The unseen-n-gram bucket reads the n-gram counts a second time (the tally); that must not mean
    /// extracting them twice, which doubled the featurizing time.
    /// </summary>
    [AdfaLdBenchmarkFact]
    public void GivenAdfaLdTestTraces_WhenFeaturizedWithAndWithoutTheUnseenBucket_ThenTheBucketCostsUnderHalfAsMuchAgain()
    {
        // Given
        var dataset = AdfaLdTestData.Load(AdfaLdTestData.Locate()!);
        var settings = new OcsvmOptions().FeatureSettings;
        using var bucket = NGramFeaturizer.Fit(dataset.Train, settings, 42);
        using var drop = NGramFeaturizer.Fit(dataset.Train, settings with { Unseen = UnseenNGramHandling.Drop }, 42);

        // When
        var (withBucket, without) = (double.PositiveInfinity, double.PositiveInfinity);
        for (var round = 0; round < Rounds; round++)
        {
            withBucket = Math.Min(withBucket, Time(() => bucket.TransformMany(dataset.Test)));
            without = Math.Min(without, Time(() => drop.TransformMany(dataset.Test)));
        }

        output.WriteLine($"test features, best of {Rounds}: with the bucket {withBucket:F2} s, without {without:F2} s, ratio {withBucket / without:F2}");

        // Then
        Assert.True(withBucket <= 1.5 * without, $"with the bucket {withBucket:F2} s, without {without:F2} s");
    }

    [AdfaLdBenchmarkFact]
    public void GivenAdfaLdOfficialSplit_WhenPcaRunsWithDefaults_ThenItFinishesAndRanksAttacksAboveChance()
    {
        // Given
        var dataset = AdfaLdTestData.Load(AdfaLdTestData.Locate()!);

        // When
        var result = OcsvmBenchmark.RunPca(dataset);
        output.WriteLine(result.Summary());

        // Then
        Assert.True(result.TotalSeconds < 60, $"fit + score took {result.TotalSeconds:F1} s");
        Assert.True(result.RocAuc > 0.6, $"ROC AUC {result.RocAuc:F4}");
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SklearnComparison.ScriptRelativePath)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"{SklearnComparison.ScriptRelativePath} not found above {AppContext.BaseDirectory}.");
    }
}
