using SyscallBench.MLNet.Benchmarks;
using SyscallBench.MLNet.Ocsvm;
using Xunit.Abstractions;

namespace SyscallBench.MLNet.Tests.Detectors;

/// <summary>
/// Opt-in dataset-scale checks on the ADFA-LD official split (see <see cref="AdfaLdBenchmarkFactAttribute"/>).
/// With SYSCALLBENCH_BENCH_OUT set, also exports the feature matrices and C# scores there for
/// tests/tools/ocsvm_sklearn_timing.py.
/// </summary>
public sealed class AdfaLdBenchmarkTests(ITestOutputHelper output)
{
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
        var exportTo = Environment.GetEnvironmentVariable("SYSCALLBENCH_BENCH_OUT");
        if (!string.IsNullOrWhiteSpace(exportTo))
        {
            OcsvmBenchmark.ExportFeatures(dataset, new OcsvmOptions(), exportTo, result.TestScores);
            var repositoryRoot = FindRepositoryRoot();
            if (repositoryRoot is not null && File.Exists("/usr/bin/python3"))
            {
                output.WriteLine(SklearnComparison.Run(exportTo, repositoryRoot));
            }
        }

        // Then
        Assert.True(result.TotalSeconds < 30, $"fit + score took {result.TotalSeconds:F1} s");
        Assert.True(result.RocAuc > 0.6, $"ROC AUC {result.RocAuc:F4}");
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
}
