using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Detection.Ensemble;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Detection.Ensemble;

public sealed class EnsembleDetectorTests
{
    /// <summary>A member whose score is the trace's first call: scores are whatever the test wants.</summary>
    private sealed class FirstCall(double scale) : IFittedDetector
    {
        public int Disposals { get; private set; }

        public string Type => "first-call";

        public TraceScore Score(Trace trace) => new(trace.Calls[0] * scale);

        public void Save(string directory) => throw new NotSupportedException();

        public void Dispose() => Disposals++;
    }

    private static readonly Trace[] Training = [.. new[] { 1, 2, 3, 4 }.Select(c => Trace.Normal($"t{c}", [c]))];

    private static FittedEnsemble FitWith(EnsembleMethod method, double quantile = 0.5, double slope = 0.1, params (string Name, IFittedDetector Member)[] members)
    {
        var options = new EnsembleOptions { Members = members.Select(m => m.Name).ToArray(), Method = method, ThresholdQuantile = quantile, LeakySlope = slope };
        var context = new FitContext(1, FittedDetectors: members.ToDictionary(m => m.Name, m => m.Member));
        return (FittedEnsemble)new EnsembleDetector("e", options).Fit(Training, context);
    }

    [Fact]
    public void GivenTrainingNormals_WhenCalibrated_ThenOnlyTheyAreUsed()
    {
        // Given training scores 1, 2, 3, 4
        var calibration = MemberCalibration.From("m", [4.0, 1.0, 3.0, 2.0], 0.5);

        // Then the median (linear interpolation) is 2.5, the mean 2.5, the population sd sqrt(1.25)
        Assert.Equal(2.5, calibration.Threshold, 12);
        Assert.Equal(2.5, calibration.Mean, 12);
        Assert.Equal(Math.Sqrt(1.25), calibration.StandardDeviation, 12);
        Assert.Equal(0.5, calibration.Percentile(2.5), 12);   // two below, none equal
        Assert.Equal(0.375, calibration.Percentile(2.0), 12); // one below, one equal: (1 + 0.5) / 4
        Assert.Equal(1.0, calibration.Percentile(99), 12);
    }

    [Fact]
    public void GivenMemberScores_WhenCombinedRobustly_ThenTheScoreSumsTheLeakyReluOfTheStandardisedExcessOverEachThreshold()
    {
        // Given two members on different scales (x1 and x10), b = median = 2.5 and 25, sd = 1.118 and 11.18
        var ensemble = FitWith(EnsembleMethod.Robust, 0.5, 0.1, ("a", new FirstCall(1)), ("b", new FirstCall(10)));
        var sd = Math.Sqrt(1.25);

        // When a trace with first call 5 is scored: both members are (5 - 2.5) / sd above their thresholds
        var high = ensemble.Score(Trace.Normal("x", [5])).Value;
        // and a trace with first call 1 is (1 - 2.5) / sd below: leaky slope 0.1
        var low = ensemble.Score(Trace.Normal("y", [1])).Value;

        Assert.Equal(2 * 2.5 / sd, high, 9);
        Assert.Equal(2 * 0.1 * -1.5 / sd, low, 9);
    }

    [Fact]
    public void GivenMembersOnDifferentScales_WhenCombinedByMeanZOrRankMean_ThenTheScaleDoesNotMatter()
    {
        var meanZ = FitWith(EnsembleMethod.MeanZ, members: [("a", new FirstCall(1)), ("b", new FirstCall(10))]);
        var rank = FitWith(EnsembleMethod.RankMean, members: [("a", new FirstCall(1)), ("b", new FirstCall(10))]);

        Assert.Equal((4 - 2.5) / Math.Sqrt(1.25), meanZ.Score(Trace.Normal("x", [4])).Value, 9);
        Assert.Equal(0.875, rank.Score(Trace.Normal("x", [4])).Value, 12); // 3 below, 1 equal: 3.5 / 4
    }

    [Fact]
    public void GivenMembersFittedByTheRun_WhenTheEnsembleIsDisposed_ThenTheMembersAreNot()
    {
        var member = new FirstCall(1);
        var ensemble = FitWith(EnsembleMethod.MeanZ, members: [("a", member), ("b", new FirstCall(2))]);

        ensemble.Dispose();
        ensemble.Dispose();

        Assert.Equal(0, member.Disposals);
    }

    [Fact]
    public void GivenAMissingMember_WhenFitted_ThenTheErrorIsClear()
    {
        var options = new EnsembleOptions { Members = ["a", "b"] };
        var error = Assert.Throws<SyscallBenchException>(() =>
            new EnsembleDetector("e", options).Fit(Training, new FitContext(1, FittedDetectors: new Dictionary<string, IFittedDetector>())));
        Assert.Contains("member 'a' was not fitted before it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAMemberListedAfterTheEnsemble_WhenRead_ThenTheConfigIsRejected()
    {
        // Given an ensemble naming a later detector and an unknown one
        var registry = new DetectorRegistry([.. DetectorRegistry.CoreDescriptors, EnsembleDetector.Descriptor(() => throw new NotSupportedException())]);
        var reader = new ExperimentConfigReader(registry, Core.Datasets.DatasetRegistry.Default);
        const string yaml = """
            name: e
            dataset: {type: synthetic}
            detectors:
              - {name: s, type: stide}
              - {name: both, type: ensemble, params: {members: [s, later]}}
              - {name: later, type: ngram}
            """;

        // Then the unknown-or-later member is named, with the earlier detectors
        var error = Assert.Single(Assert.Throws<ConfigException>(() => reader.Read(yaml, "exp.yaml")).Errors);
        Assert.Equal("exp.yaml:5:42: detectors[1].params: 'later' is not a detector listed before 'both'; earlier detectors: s", error.ToString());
    }
}
