using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.TestSupport.Detection;

/// <summary>
/// The one contract every registered detector honours, whatever its family: finite scores, determinism
/// for a seed, unseen syscalls handled, a planted anomaly outscoring every normal, thread-safe scoring,
/// safe double dispose, and a save/load round trip through the registry with identical scores.
/// </summary>
/// <remarks>
/// As scikit-learn ships its estimator checks: each detector test project runs this suite over its own
/// types by deriving a class, e.g. <c>public sealed class StideContractTests(DetectorContractFixture&lt;CoreDetectors&gt; f)
/// : DetectorContractTests&lt;CoreDetectors&gt;(f);</c>.
/// </remarks>
public abstract class DetectorContractTests<TSubjects>(DetectorContractFixture<TSubjects> fixture) : IClassFixture<DetectorContractFixture<TSubjects>>
    where TSubjects : IDetectorContractSubjects
{
    private readonly DetectorContractFixture<TSubjects> _fixture = fixture;

    public static TheoryData<string> Types => new(TSubjects.Registry.Types);

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenAFittedDetector_WhenNormalAndAnomalousTracesAreScored_ThenEveryScoreIsFinite(string type)
    {
        var fitted = _fixture.Shared(type);

        var traces = _fixture.Data.TestNormal.Append(_fixture.Data.PlantedAnomaly).Append(_fixture.Data.Train[0]);

        foreach (var trace in traces)
        {
            var score = fitted.Score(trace);
            Assert.True(double.IsFinite(score.Value), $"{type}: score of {trace.Id} is {score.Value}");
            Assert.All(score.PositionScores ?? [], p => Assert.True(double.IsFinite(p), $"{type}: a position score of {trace.Id} is {p}"));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenTheSameSeedAndData_WhenFittedTwice_ThenScoresAreIdentical(string type)
    {
        using var again = _fixture.Fit(type);

        var first = _fixture.Shared(type);

        foreach (var trace in _fixture.Data.TestNormal.Append(_fixture.Data.PlantedAnomaly))
        {
            var (a, b) = (first.Score(trace), again.Score(trace));
            Assert.Equal(a.Value, b.Value);
            Assert.Equal(a.PositionScores, b.PositionScores);
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenTracesOfSyscallsNeverSeenInTraining_WhenScored_ThenTheyGetFiniteScoresAtLeastAsHighAsNormal(string type)
    {
        var fitted = _fixture.Shared(type);
        var allForeign = Trace.Normal("all-foreign", ToyTraces.ForeignCalls);
        var oneForeign = Trace.Normal("one-foreign", [999]);

        var foreignScore = fitted.Score(allForeign).Value;
        var singleScore = fitted.Score(oneForeign).Value;

        Assert.True(double.IsFinite(foreignScore) && double.IsFinite(singleScore), $"{type}: {foreignScore}, {singleScore}");
        var maxNormal = _fixture.Data.TestNormal.Max(t => fitted.Score(t).Value);
        Assert.True(foreignScore > maxNormal, $"{type}: all-foreign trace scored {foreignScore}, a normal trace {maxNormal}");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenAForeignRunPlantedInANormalTrace_WhenScored_ThenItOutscoresEveryNormalTestTrace(string type)
    {
        var fitted = _fixture.Shared(type);

        var anomaly = fitted.Score(_fixture.Data.PlantedAnomaly).Value;

        foreach (var normal in _fixture.Data.TestNormal)
        {
            var score = fitted.Score(normal).Value;
            Assert.True(anomaly > score, $"{type}: planted anomaly scored {anomaly}, normal {normal.Id} scored {score}");
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenManyTraces_WhenScoredInParallel_ThenScoresAndValuesAloneEqualOneByOneScoring(string type)
    {
        var fitted = _fixture.Shared(type);
        var traces = _fixture.Data.TestNormal.Concat(_fixture.Data.Train).Append(_fixture.Data.PlantedAnomaly).ToArray();

        var parallel = fitted.ScoreMany(traces);
        var values = fitted.ScoreValues(traces);

        Assert.Equal(traces.Length, parallel.Count);
        Assert.Equal(traces.Length, values.Count);
        for (var i = 0; i < traces.Length; i++)
        {
            Assert.Equal(fitted.Score(traces[i]).Value, parallel[i].Value);
            Assert.Equal(fitted.Score(traces[i]).Value, values[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenALanguageModel_WhenATraceIsScored_ThenItsPositionScoresAreTheSurprisalsOfItsNextCallPredictions(string type)
    {
        // A select: compares language models by these position scores (held-out likelihood): they must be -ln p(x_t | x_<t).
        if (!TSubjects.Registry.Find(type)!.Traits.HasFlag(DetectorTraits.LanguageModel))
        {
            return;
        }

        var fitted = _fixture.Shared(type);
        var predictor = fitted.As<INextCallPredictor>();
        Assert.NotNull(predictor);
        foreach (var trace in new[] { _fixture.Data.TestNormal[0], _fixture.Data.PlantedAnomaly })
        {
            var calls = trace.Calls.Take(60).ToArray();
            var surprisals = fitted.Score(Trace.Normal(trace.Id, calls)).PositionScores;
            Assert.NotNull(surprisals);
            Assert.Equal(calls.Length, surprisals.Length);
            for (var t = 0; t < calls.Length; t++)
            {
                var distribution = predictor.PredictNext(calls.AsSpan(0, t), int.MaxValue);
                var p = distribution.FirstOrDefault(c => c.Syscall == calls[t]) ?? distribution.Single(c => c.IsUnknown);
                Assert.True(Math.Abs(-Math.Log(p.Probability) - surprisals[t]) < 1e-4,
                    $"{type}: {trace.Id} call {t}: position score {surprisals[t]}, -ln p = {-Math.Log(p.Probability)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenAFittedDetector_WhenDisposedTwice_ThenNothingThrows(string type)
    {
        var fitted = _fixture.Fit(type);

        fitted.Dispose();
        var second = Record.Exception(fitted.Dispose);

        Assert.Null(second);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenAFittedDetector_WhenSavedAndLoadedThroughTheRegistry_ThenScoresAreIdentical(string type)
    {
        var fitted = _fixture.Shared(type);
        using var temp = new TempDirectory();
        var directory = temp.Combine(type);
        DetectorRegistry.Save(fitted, directory);
        using var loaded = TSubjects.Registry.Load(directory);

        Assert.Equal(type, loaded.Type);
        foreach (var trace in _fixture.Data.TestNormal.Append(_fixture.Data.PlantedAnomaly))
        {
            var before = fitted.Score(trace);
            var after = loaded.Score(trace);
            Assert.Equal(before.Value, after.Value);
            Assert.Equal(before.PositionScores, after.PositionScores);
        }
    }
}
