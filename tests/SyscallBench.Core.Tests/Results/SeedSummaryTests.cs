using SyscallBench.Core.Config;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Tests.Running;

namespace SyscallBench.Core.Tests.Results;

public sealed class SeedSummaryTests
{
    [Fact]
    public void GivenKnownValues_WhenSummarised_ThenMeanAndSampleStandardDeviationAreExact()
    {
        // Given three values with mean 2 and sample variance 1
        var spread = MeanAndSpread.Of([1.0, 2.0, 3.0]);

        // Then the summary is exact
        Assert.Equal(2.0, spread.Mean);
        Assert.Equal(1.0, spread.StandardDeviation);
    }

    [Fact]
    public void GivenASingleValue_WhenSummarised_ThenItHasNoSpread()
    {
        var spread = MeanAndSpread.Of([0.7]);

        Assert.Equal((0.7, 0.0), (spread.Mean, spread.StandardDeviation));
        Assert.Equal([0.7], spread.Values);
    }

    [Fact]
    public void GivenARunWithSeveralSeeds_WhenSummarised_ThenEachDetectorHasOneSummary()
    {
        // Given a run of one detector over three seeds (the counting detector ignores the seed)
        var root = Directory.CreateTempSubdirectory("syscallbench-seeds-").FullName;
        try
        {
            var config = new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read($$"""
                name: seeds
                dataset: {type: inline}
                detectors: [{name: c, type: counting}]
                evaluation: {bootstrap_resamples: 0}
                seeds: [1, 2, 3]
                output: {{root}}
                """, Path.Combine(root, "exp.yaml"));
            var outcome = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(config, SilentRunObserver.Instance);

            // Then one summary row covers the three seeds, and seed_summary.csv is written
            var summary = Assert.Single(SeedSummary.Of(outcome.Result));
            Assert.Equal(3, summary.Seeds);
            Assert.Equal(outcome.Result.Detectors[0].Evaluation.RocAuc, summary.RocAuc.Mean, 12);
            Assert.Equal(0, summary.RocAuc.StandardDeviation, 12);
            Assert.True(File.Exists(Path.Combine(outcome.Directory, "seed_summary.csv")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
