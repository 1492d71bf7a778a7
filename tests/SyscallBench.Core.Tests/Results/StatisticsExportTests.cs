using System.Globalization;
using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Export;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Core.Tests.Running;

namespace SyscallBench.Core.Tests.Results;

/// <summary>The seed summary and paired comparisons in a run's files, and read back from them.</summary>
public sealed class StatisticsExportTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("syscallbench-stats-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private RunOutcome Run(string seeds) =>
        new ExperimentRunner(ExperimentRunner.CoreExporters).Run(new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read($$"""
            name: stats
            dataset: {type: inline, params: {normals: 40} }
            detectors:
              - {name: bad99, type: counting}
              - {name: bad1, type: counting, params: {bad_syscall: 1} }
              - {name: bad3, type: counting, params: {bad_syscall: 3} }
            evaluation: {bootstrap_resamples: 200, bootstrap_seed: 5}
            seeds: {{seeds}}
            output: {{root}}
            """, Path.Combine(root, "exp.yaml")), SilentRunObserver.Instance);

    [Fact]
    public void GivenThreeDetectors_WhenRun_ThenComparisonsCsvAndJsonHoldEveryPair()
    {
        // Given / When
        var outcome = Run("[1]");
        var expected = DetectorComparisons.Of(outcome.Result);

        // Then
        Assert.Equal(3, expected.Count);
        var lines = File.ReadAllLines(Path.Combine(outcome.Directory, "comparisons.csv"));
        Assert.StartsWith("split,seed,detector_a,seed_a,detector_b,seed_b,roc_auc_a,roc_auc_b,roc_auc_difference,delong_se,delong_z,delong_p,delong_p_holm,", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal(["official", "1", "bad99", "1", "bad1", "1"], first[..6]);
        Assert.Equal(expected[0].Test.DeLong.PValue, double.Parse(first[11], CultureInfo.InvariantCulture));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outcome.Directory, "metrics.json")));
        var comparisons = json.RootElement.GetProperty("comparisons").EnumerateArray().ToArray();
        Assert.Equal(3, comparisons.Length);
        Assert.Equal(expected[2].Test.DeLongPHolm, comparisons[2].GetProperty("delong").GetProperty("p_holm").GetDouble());
        Assert.Equal(expected[2].Test.Bootstrap!.Interval.Lower,
            comparisons[2].GetProperty("bootstrap").GetProperty("difference_ci").GetProperty("lower").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("summary").ValueKind); // one seed: no summary
    }

    [Fact]
    public void GivenThreeSeeds_WhenRun_ThenSummaryHasMeanStdNAndPerSeedValuesAndComparisonsArePerSeed()
    {
        // Given / When
        var outcome = Run("[1, 2, 3]");

        // Then seed_summary.csv has n, the seeds and each metric's per-seed values
        var csv = File.ReadAllLines(Path.Combine(outcome.Directory, "seed_summary.csv"));
        var header = csv[0].Split(',');
        var row = csv[1].Split(',');
        string Cell(string column) => row[Array.IndexOf(header, column)];
        Assert.Equal("3", Cell("seeds"));
        Assert.Equal("1 2 3", Cell("seed_list"));
        Assert.Equal("official official official", Cell("split_list"));
        var aucs = outcome.Result.Detectors.Where(d => d.Detector == "bad99").Select(d => d.Evaluation.RocAuc.ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal(string.Join(' ', aucs), Cell("roc_auc_values"));
        Assert.Contains("dr_at_far_1pct_values", header);
        Assert.Contains("far_at_dr_90pct_std", header);

        // And metrics.json's summary block holds the same
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outcome.Directory, "metrics.json")));
        var summary = json.RootElement.GetProperty("summary").EnumerateArray().First();
        Assert.Equal("bad99", summary.GetProperty("detector").GetString());
        Assert.Equal(3, summary.GetProperty("n").GetInt32());
        Assert.Equal([1, 2, 3], summary.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(3, summary.GetProperty("roc_auc").GetProperty("values").GetArrayLength());
        Assert.Equal(4, summary.GetProperty("detection_rates").GetArrayLength());

        // And detectors are compared seed by seed: 3 pairs for each of the 3 seeds, never across seeds
        var comparisons = DetectorComparisons.Of(outcome.Result);
        Assert.Equal(9, comparisons.Count);
        Assert.All(comparisons, c => Assert.True(c.A.Seed == c.Seed && c.B.Seed == c.Seed));
        Assert.Equal(10, File.ReadAllLines(Path.Combine(outcome.Directory, "comparisons.csv")).Length);
    }

    [Fact]
    public void GivenThreeDetectors_WhenRun_ThenMetricsJsonStatesTheVerdictOfTheRunSummary()
    {
        // Given / When
        var outcome = Run("[1]");
        var verdict = outcome.Result.Summary.Verdict;

        // Then metrics.json holds every criterion of the verdict, with its best, runner-up and evidence
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outcome.Directory, "metrics.json")));
        var block = json.RootElement.GetProperty("verdict");
        Assert.Equal("run", block.GetProperty("ranked_by").GetString());
        var criteria = block.GetProperty("criteria").EnumerateArray().ToArray();
        Assert.Equal(verdict.Lines.Select(l => l.Criterion), criteria.Select(c => c.GetProperty("criterion").GetString()));
        Assert.Equal(verdict.Lines.Select(l => string.Join(' ', l.Best)),
            criteria.Select(c => string.Join(' ', c.GetProperty("best").EnumerateArray().Select(b => b.GetString()))));
        var overall = criteria[0];
        Assert.Equal("roc_auc", overall.GetProperty("metric").GetString());
        Assert.Equal(verdict.Lines[0].BestValue, overall.GetProperty("best_value").GetDouble());
        Assert.Equal(verdict.Lines[0].Paired!.AdjustedPValue, overall.GetProperty("paired_test").GetProperty("p_holm").GetDouble());
        Assert.Equal(3, overall.GetProperty("paired_test").GetProperty("pairs").GetInt32());
        Assert.Equal(0.001, criteria[2].GetProperty("at_false_alarm_rate").GetDouble());
        Assert.Equal(0.9, criteria[^1].GetProperty("at_detection_rate").GetDouble());
    }

    [Fact]
    public void GivenAResultWhoseSummaryHasNoComparisons_WhenExported_ThenTheExportersReadTheSummaryInsteadOfRecomputing()
    {
        // Given a run of three detectors, whose result is given the summary of a one-detector run
        var outcome = Run("[1]");
        var single = (outcome.Result with { Detectors = outcome.Result.Detectors.Take(1).ToArray() }).Summarized();
        var result = outcome.Result with { Summary = single.Summary };
        var directory = Path.Combine(root, "export");
        Directory.CreateDirectory(directory);

        // When the metrics are exported
        new MetricsCsvExporter().Export(result, directory);
        new MetricsJsonExporter().Export(result, directory);

        // Then no comparison is written: they come from the summary, which has none
        Assert.False(File.Exists(Path.Combine(directory, "comparisons.csv")));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "metrics.json")));
        Assert.Equal(0, json.RootElement.GetProperty("comparisons").GetArrayLength());
        Assert.Equal(3, json.RootElement.GetProperty("detectors").GetArrayLength());
    }

    [Fact]
    public void GivenASummarizedResult_WhenCopiedWithChangedResults_ThenTheCopyHasNoSummaryUntilSummarized()
    {
        var outcome = Run("[1]");

        var copy = outcome.Result with { Detectors = outcome.Result.Detectors.Take(1).ToArray() };

        Assert.Throws<InvalidOperationException>(() => copy.Summary);
        Assert.Empty(copy.Summarized().Summary.Comparisons);
        Assert.Equal(3, outcome.Result.Summary.Comparisons.Count);
    }

    [Fact]
    public void GivenAResult_WhenCopiedWithoutChanges_ThenEveryPropertyButTheSummaryIsKept()
    {
        // Given a result with every optional property set (RunResult's copy constructor lists them by hand)
        var outcome = Run("[1]");
        var result = outcome.Result with { Shard = new ShardRun(new ShardSpec(1, 2), ["a"], ["a", "b"]) };

        // When
        var copy = result with { };

        // Then
        var properties = typeof(RunResult).GetProperties().Where(p => p.Name != nameof(RunResult.Summary) && p.CanWrite).ToArray();
        Assert.NotEmpty(result.Splits);
        Assert.All(properties, p => Assert.Equal(p.GetValue(result), p.GetValue(copy)));
    }

    [Fact]
    public void GivenARunFolder_WhenReadBack_ThenSummaryAndComparisonsAreTheSame()
    {
        // Given
        var outcome = Run("[1, 2]");

        // When
        var read = new RunResultReader(new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets), []).Read(outcome.Directory);

        // Then
        Assert.Equal(Describe(outcome.Result), Describe(read));
    }

    [Fact]
    public void GivenASweep_WhenRun_ThenMetricsCarryTheFamilyAndTheSweptValue()
    {
        // Given a grid over bad_syscall next to a plain detector
        var outcome = new ExperimentRunner(ExperimentRunner.CoreExporters).Run(new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read($$"""
            name: sweep
            dataset: {type: inline}
            detectors:
              - {name: plain, type: counting}
              - {name: c, type: counting, grid: {bad_syscall: [1, 99]} }
            evaluation: {bootstrap_resamples: 0}
            output: {{root}}
            """, Path.Combine(root, "exp.yaml")), SilentRunObserver.Instance);

        // Then metrics.csv has the sweep columns, empty for the plain detector
        var csv = File.ReadAllLines(Path.Combine(outcome.Directory, "metrics.csv"));
        Assert.StartsWith("detector,type,sweep,sweep.bad_syscall,seed,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith("plain,counting,,,42,", csv[1], StringComparison.Ordinal);
        Assert.StartsWith("c.bad_syscall=1,counting,c,1,42,", csv[2], StringComparison.Ordinal);
        Assert.StartsWith("c.bad_syscall=99,counting,c,99,42,", csv[3], StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(outcome.Directory, "models", "c.bad_syscall=99")));

        // And metrics.json the family and parameters
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outcome.Directory, "metrics.json")));
        var detectors = json.RootElement.GetProperty("detectors").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, detectors[0].GetProperty("sweep").ValueKind);
        Assert.Equal("c", detectors[2].GetProperty("sweep").GetProperty("family").GetString());
        Assert.Equal("99", detectors[2].GetProperty("sweep").GetProperty("parameters").GetProperty("bad_syscall").GetString());

        // And reading the run back gives the same variants
        var read = new RunResultReader(new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets), []).Read(outcome.Directory);
        Assert.Equal(outcome.Result.Config.Detectors.Select(d => (d.Name, d.Sweep?.Family)), read.Config.Detectors.Select(d => (d.Name, d.Sweep?.Family)));
    }

    /// <summary>The summary the runner or the reader built (not computed again here), as text.</summary>
    private static string Describe(RunResult result) =>
        string.Join("\n", result.Summary.SeedSummaries.Select(s => $"{s.Detector} {s.Seeds} {s.RocAuc.Mean:R} {s.RocAuc.StandardDeviation:R} {string.Join(' ', s.AveragePrecision.Values)}"))
        + "\n" + string.Join("\n", result.Summary.Comparisons.Select(c =>
            $"{c.Seed} {c.A.Detector} {c.B.Detector} {c.Test.DeLong} {c.Test.DeLongPHolm:R} {c.Test.Bootstrap} {c.Test.BootstrapPHolm:R}"))
        + "\n" + string.Join("\n", result.Summary.Verdict.Lines.Select(l =>
            $"{l.Criterion}: {string.Join(' ', l.Best)} {l.BestValue:R} {string.Join(' ', l.RunnerUp)} {l.RunnerUpValue:R} {l.Paired}"));
}
