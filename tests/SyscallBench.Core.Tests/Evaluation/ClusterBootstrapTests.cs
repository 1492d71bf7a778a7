using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.Comparison;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Evaluation;

public sealed class ClusterBootstrapTests
{
    private static readonly EvaluationOptions Options = new() { BootstrapResamples = 2000, BootstrapSeed = 11 };

    /// <summary>Each of the Gaussian scores' traces copied <paramref name="copies"/> times (ids "id#k"), and the clusters of the copies.</summary>
    private static (IReadOnlyList<ScoredTrace> Scores, TraceClusters Clusters) Copied(IReadOnlyList<ScoredTrace> scores, int copies)
    {
        var copied = scores.SelectMany(s => Enumerable.Range(0, copies).Select(k => s with { TraceId = $"{s.TraceId}#{k}" })).ToArray();
        var clusters = new TraceClusters(scores.Select(s => (IReadOnlyList<string>)Enumerable.Range(0, copies).Select(k => $"{s.TraceId}#{k}").ToArray()));
        return (copied, clusters);
    }

    private static double Width(ConfidenceInterval? interval) => interval!.Upper - interval.Lower;

    [Fact]
    public void GivenNoIdenticalTraces_WhenBootstrapIsAuto_ThenTheIntervalsAreTheTraceBootstrapsExactly()
    {
        // Given scores without copies, and clusters that name none of them together
        var scores = ScoreSets.Gaussian(200, 50, 1.0, seed: 4);
        var clusters = new TraceClusters([["normal-0"], ["attack-3"]]);

        // When
        var auto = Evaluator.Evaluate("d", scores, Options, clusters);
        var trace = Evaluator.Evaluate("d", scores, Options);

        // Then: the same draws, so runs on data without duplicates keep their numbers
        Assert.Equal(BootstrapUnit.Trace, auto.BootstrapUnit);
        Assert.Equal(trace.RocAucCi, auto.RocAucCi);
        Assert.Equal(trace.AveragePrecisionCi, auto.AveragePrecisionCi);
    }

    [Fact]
    public void GivenEveryTraceCopiedTenTimes_WhenClusterBootstrapped_ThenTheIntervalIsAsWideAsWithoutTheCopies()
    {
        // Given 120 normals and 40 attacks, and the same scores with every trace present ten times
        var scores = ScoreSets.Gaussian(120, 40, 1.0, seed: 5);
        var (copied, clusters) = Copied(scores, 10);

        // When
        var original = Evaluator.Evaluate("d", scores, Options);
        var clustered = Evaluator.Evaluate("d", copied, Options, clusters);
        var naive = Evaluator.Evaluate("d", copied, new EvaluationOptions { BootstrapResamples = 2000, BootstrapSeed = 11, Bootstrap = BootstrapUnit.Trace }, clusters);

        // Then: copies add no information. The cluster bootstrap keeps the original width (within resampling noise);
        // drawing copies as independent traces shrinks it by about sqrt(10).
        Assert.Equal(BootstrapUnit.Cluster, clustered.BootstrapUnit);
        Assert.Equal(BootstrapUnit.Trace, naive.BootstrapUnit);
        Assert.Equal(original.RocAuc, clustered.RocAuc, 12);
        Assert.InRange(Width(clustered.RocAucCi) / Width(original.RocAucCi), 0.85, 1.15);
        Assert.InRange(Width(naive.RocAucCi) / Width(original.RocAucCi), 0.25, 0.40);
        Assert.InRange(clustered.RocAuc, clustered.RocAucCi!.Lower, clustered.RocAucCi.Upper);
    }

    [Fact]
    public void GivenCopiedTraces_WhenComparedInPairs_ThenThePairedBootstrapResamplesClustersAndSaysSo()
    {
        // Given two detectors' scores of the same traces, every trace present eight times
        var a = ScoreSets.Gaussian(100, 30, 1.0, seed: 6);
        var b = a.Select((s, i) => s with { Score = s.Score + (0.8 * Math.Sin(i)) }).ToArray();
        var (copiedA, clusters) = Copied(a, 8);
        var (copiedB, _) = Copied(b, 8);

        // When
        var once = Assert.Single(PairedAucComparison.CompareAll([("a", a), ("b", b)], Options));
        var clustered = Assert.Single(PairedAucComparison.CompareAll([("a", copiedA), ("b", copiedB)], Options, clusters));
        var naive = Assert.Single(PairedAucComparison.CompareAll([("a", copiedA), ("b", copiedB)], Options));

        // Then
        Assert.Equal(BootstrapUnit.Cluster, clustered.BootstrapUnit);
        Assert.Equal(BootstrapUnit.Trace, naive.BootstrapUnit);
        var width = Width(once.Bootstrap!.Interval);
        Assert.InRange(Width(clustered.Bootstrap!.Interval) / width, 0.85, 1.15);
        Assert.InRange(Width(naive.Bootstrap!.Interval) / width, 0.25, 0.45);
    }
}
