using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Tests.Support;
using SyscallBench.Lstm.Tests.Transformer;
using SyscallBench.Lstm.Transformer;

namespace SyscallBench.Lstm.Tests.Scoring;

/// <summary>
/// The lstm's and the transformer's quantile_nll and last_nll trace scores are Core's shared
/// <see cref="SurprisalAggregates"/> (the n-gram LM's quantile_surprisal and last_surprisal) of the
/// model's own per-call surprisals, not a second implementation.
/// </summary>
public sealed class TraceAggregateTests
{
    /// <summary>The options' default quantile: the median.</summary>
    private const double Q = 0.5;

    public static TheoryData<string, LstmScore> Cases => new()
    {
        { LstmDetector.TypeName, LstmScore.QuantileNll },
        { LstmDetector.TypeName, LstmScore.LastNll },
        { TransformerDetector.TypeName, LstmScore.QuantileNll },
        { TransformerDetector.TypeName, LstmScore.LastNll },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenAQuantileOrLastScore_WhenScoringTraces_ThenEachScoreIsTheSharedAggregateOfItsSurprisals(string type, LstmScore score)
    {
        // Given: the toy normals and a trace with a planted anomaly in its middle
        IReadOnlyList<Trace> normals = CycleTraces.Normals();
        using FittedLanguageModel fitted = type == LstmDetector.TypeName
            ? new LstmDetector("toy", CycleTraces.TinyOptions(score)).FitLstm(normals, new FitContext(Seed: 3))
            : new TransformerDetector("toy", ToyTransformerFixture.TinyOptions(score)).FitTransformer(normals, new FitContext(Seed: 3));
        Trace[] traces = [normals[0], normals[1], CycleTraces.Anomalous()];

        // When
        var scores = fitted.ScoreMany(traces);
        var surprisal = fitted.Surprisal(traces);

        // Then: the aggregate of the per-call surprisals, and the per-call surprisals are the position scores
        for (var i = 0; i < traces.Length; i++)
        {
            var expected = score == LstmScore.QuantileNll
                ? SurprisalAggregates.Quantile<float>(surprisal[i], Q)
                : surprisal[i][^1];
            Assert.Equal(expected, scores[i].Value, 12);
            Assert.Equal(surprisal[i].Select(s => (double)s), scores[i].PositionScores!);
            Assert.NotEqual(SurprisalAggregates.Mean<float>(surprisal[i]), scores[i].Value, 6);
        }
    }
}
