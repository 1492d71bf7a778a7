using System.Globalization;
using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Tests.Running;

namespace SyscallBench.Core.Tests.Results;

/// <summary>
/// Test sets side by side and the cluster bootstrap in a run's files. The inline dataset is full of copies: its test
/// normals are two sequences (one every fourth trace), its five attacks one.
/// </summary>
public sealed class TestSetExportTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("syscallbench-testsets-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private RunOutcome Run(string evaluation) =>
        new ExperimentRunner(ExperimentRunner.CoreExporters).Run(new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read($$"""
            name: testsets
            dataset: {type: inline, params: {normals: 40} }
            detectors:
              - {name: bad99, type: counting}
              - {name: bad1, type: counting, params: {bad_syscall: 1} }
            evaluation: {{evaluation}}
            seeds: [1]
            output: {{root}}
            """, Path.Combine(root, "exp.yaml")), SilentRunObserver.Instance);

    [Fact]
    public void GivenAllAndDistinct_WhenRun_ThenBothAreInTheFilesSideBySideAndReadBackEqual()
    {
        // Given / When
        var outcome = Run("{bootstrap_resamples: 200, test_set: [all, distinct]}");

        // Then the main evaluation is on all 45 traces, with clusters; the distinct one on one copy per sequence and label
        var result = outcome.Result.Detectors[0];
        Assert.Equal((40, 5, TestSetProtocol.All, BootstrapUnit.Cluster),
            (result.Evaluation.NormalCount, result.Evaluation.AttackCount, result.Evaluation.TestSet, result.Evaluation.BootstrapUnit));
        var distinct = Assert.Single(result.OtherTestSets);
        Assert.Equal((2, 1, TestSetProtocol.Distinct, BootstrapUnit.Trace),
            (distinct.NormalCount, distinct.AttackCount, distinct.TestSet, distinct.BootstrapUnit));

        // And metrics.csv has both, named
        var csv = File.ReadAllLines(Path.Combine(outcome.Directory, "metrics.csv"));
        var header = csv[0].Split(',');
        var row = csv[1].Split(',');
        string Cell(string column) => row[Array.IndexOf(header, column)];
        Assert.Equal(("all", "cluster", "2", "1"), (Cell("test_set"), Cell("bootstrap"), Cell("test_normal_distinct"), Cell("test_attack_distinct")));
        Assert.Equal(distinct.RocAuc, double.Parse(Cell("roc_auc_distinct"), CultureInfo.InvariantCulture));

        // And metrics.json, the manifest and the comparisons say so
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outcome.Directory, "metrics.json")));
        var detector = json.RootElement.GetProperty("detectors")[0];
        Assert.Equal("cluster", detector.GetProperty("bootstrap").GetString());
        Assert.Equal(2, detector.GetProperty("other_test_sets")[0].GetProperty("test_normal").GetInt32());
        Assert.Equal("cluster", json.RootElement.GetProperty("comparisons")[0].GetProperty("bootstrap_unit").GetString());
        var manifest = new RunFolder(outcome.Directory).ReadManifest();
        var duplicates = manifest.Splits[0].Duplicates!;
        Assert.Equal((2, 1, 45), (duplicates.DistinctNormalSequences, duplicates.DistinctAttackSequences, duplicates.TracesInGroups));
        Assert.Equal(30, duplicates.LargestGroups[0].Traces);

        // And the run read back from its folder has the same evaluations
        var read = new RunResultReader(new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets), []).Read(outcome.Directory);
        Assert.Equal(distinct.RocAucCi, read.Detectors[0].OtherTestSets[0].RocAucCi);
        Assert.Equal(result.Evaluation.RocAucCi, read.Detectors[0].Evaluation.RocAucCi);
    }

    [Fact]
    public void GivenTheTraceBootstrapOnAllTraces_WhenRun_ThenTheFilesHaveNoTestSetColumns()
    {
        // Given the literature's protocol throughout / When
        var outcome = Run("{bootstrap_resamples: 200, bootstrap: trace}");

        // Then metrics.csv, comparisons.csv and metrics.json look as they did before test sets existed
        var header = File.ReadLines(Path.Combine(outcome.Directory, "metrics.csv")).First().Split(',');
        Assert.DoesNotContain("test_set", header);
        Assert.DoesNotContain("bootstrap", header);
        Assert.DoesNotContain("bootstrap_unit", File.ReadLines(Path.Combine(outcome.Directory, "comparisons.csv")).First().Split(','));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outcome.Directory, "metrics.json")));
        Assert.False(json.RootElement.GetProperty("detectors")[0].TryGetProperty("other_test_sets", out _));
        Assert.Equal(BootstrapUnit.Trace, outcome.Result.Detectors[0].Evaluation.BootstrapUnit);
    }
}
