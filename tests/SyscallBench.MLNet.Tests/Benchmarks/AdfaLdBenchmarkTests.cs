using SyscallBench.Core.Benchmarking;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Traces;
using SyscallBench.MLNet.Ocsvm;
using SyscallBench.TestSupport.Datasets;
using Xunit.Abstractions;

namespace SyscallBench.MLNet.Tests.Benchmarks;

/// <summary>
/// Opt-in dataset-scale checks on the ADFA-LD official split (see <see cref="AdfaLdBenchmarkFactAttribute"/>),
/// through the `bench` pipeline (<see cref="DetectorBenchmark"/>) and the run's evaluation (<see cref="Evaluator"/>).
/// With SYSCALLBENCH_BENCH_OUT set, also exports the feature matrices and C# scores there for
/// tests/tools/ocsvm_sklearn_timing.py.
/// </summary>
public sealed class AdfaLdBenchmarkTests(ITestOutputHelper output)
{
    private const int Seed = 42;

    [AdfaLdBenchmarkFact]
    public void GivenAdfaLdOfficialSplit_WhenOcsvmRunsWithDefaults_ThenFitAndScoreTakeUnder30SecondsAndRankAttacksAboveChance()
    {
        // Given
        var dataset = AdfaLdTestData.Load();
        Assert.Equal((833, 4372, 746), (dataset.Train.Count, dataset.TestNormalCount, dataset.TestAttackCount));

        // When
        var (timing, evaluation, scores) = Measure(OcsvmDetector.TypeName, dataset);
        output.WriteLine("breakdown: " + OcsvmStages.Breakdown(dataset, seed: Seed));
        var exportTo = Environment.GetEnvironmentVariable("SYSCALLBENCH_BENCH_OUT");
        if (!string.IsNullOrWhiteSpace(exportTo))
        {
            OcsvmFeatureExport.Write(dataset, new OcsvmOptions(), exportTo, scores, Seed);
            var repositoryRoot = FindRepositoryRoot();
            if (repositoryRoot is not null && File.Exists("/usr/bin/python3"))
            {
                output.WriteLine(SklearnComparison.Run(exportTo, repositoryRoot));
            }
        }

        // Then
        var seconds = timing.FitSeconds + timing.ScoreSecondsParallel;
        Assert.True(seconds < 30, $"fit + score took {seconds:F1} s");
        Assert.True(evaluation.RocAuc > 0.6, $"ROC AUC {evaluation.RocAuc:F4}");
    }

    [AdfaLdBenchmarkFact]
    public void GivenAdfaLdOfficialSplit_WhenPcaRunsWithDefaults_ThenItFinishesAndRanksAttacksAboveChance()
    {
        // Given
        var dataset = AdfaLdTestData.Load();

        // When
        var (timing, evaluation, _) = Measure("pca", dataset);

        // Then
        var seconds = timing.FitSeconds + timing.ScoreSecondsParallel;
        Assert.True(seconds < 60, $"fit + score took {seconds:F1} s");
        Assert.True(evaluation.RocAuc > 0.6, $"ROC AUC {evaluation.RocAuc:F4}");
    }

    /// <summary>
    /// One repeat of `bench` (fit, score on one thread, score with ScoreMany) for the registered type with its
    /// defaults, and the evaluation a run computes from the scores of one more fit.
    /// </summary>
    private (DetectorBenchmarkSummary Timing, DetectorEvaluation Evaluation, double[] Scores) Measure(string type, LabeledDataset dataset)
    {
        var descriptor = MLNetDetectors.Descriptors.Single(d => d.Type == type);
        var spec = new DetectorSpec(type, descriptor, (IOptions)Activator.CreateInstance(descriptor.OptionsType)!);
        var samples = DetectorBenchmark.Run([spec], dataset, Seed, repeats: 1, warmups: 0);
        var timing = DatasetBenchmark.Of("adfa-ld", dataset.Name, dataset, TimeSpan.Zero, [spec], samples).Detectors[0];

        using var fitted = spec.Create().Fit(dataset.Train, new FitContext(Seed));
        var scores = fitted.ScoreMany(dataset.Test).Select(s => s.Value).ToArray();
        var scored = dataset.Test.Select((t, i) => new ScoredTrace(t.Id, t.Label, t.Family, scores[i])).ToArray();
        var evaluation = Evaluator.Evaluate(type, scored, new EvaluationOptions { BootstrapResamples = 0 });
        output.WriteLine($"{type} on {dataset.Name}: fit {timing.FitSeconds:F2} s ({timing.FitCallsPerSecond:N0} calls/s), "
            + $"score {timing.ScoreSecondsParallel:F2} s ({timing.ScoreCallsPerSecondParallel:N0} calls/s, all cores), "
            + $"ROC AUC {evaluation.RocAuc:F4}, AP {evaluation.AveragePrecision:F4}");
        if (fitted is FittedOcsvmDetector ocsvm)
        {
            output.WriteLine($"features {ocsvm.Featurizer.FeatureCount}, support vectors {ocsvm.Model.SupportVectorCount}, "
                + $"iterations {ocsvm.Model.Iterations}, gamma {ocsvm.Model.Kernel.Gamma:R}, rho {ocsvm.Model.Rho:R}");
        }

        return (timing, evaluation, scores);
    }

    private static string? FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SklearnComparison.ScriptRelativePath)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
