using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Probes.Insights;

/// <summary>
/// A hand-made next-call predictor with exact answers: after call x (0 at the start) it expects x+1 with
/// 0.9, x+2 with 0.06 and anything else (the unknown bucket) with 0.04. Position scores are the matching
/// surprisals; the trace score is their mean.
/// </summary>
internal sealed class ToyPredictor(bool withPositionScores = true) : IFittedDetector, INextCallPredictor
{
    public string Type => "toy";

    public static double Probability(int previous, int next) =>
        next == previous + 1 ? 0.9 : next == previous + 2 ? 0.06 : 0.04;

    public static double[] Surprisals(int[] calls) =>
        calls.Select((c, t) => -Math.Log(Probability(t == 0 ? 0 : calls[t - 1], c))).ToArray();

    public IReadOnlyList<NextCallProbability> PredictNext(ReadOnlySpan<int> prefix, int topK)
    {
        var last = prefix.IsEmpty ? 0 : prefix[^1];
        NextCallProbability[] all = [new(last + 1, 0.9), new(last + 2, 0.06), new(null, 0.04)];
        return all.Take(topK).ToArray();
    }

    public TraceScore Score(Trace trace)
    {
        var surprisals = Surprisals(trace.Calls);
        return new TraceScore(surprisals.Average(), withPositionScores ? surprisals : null);
    }

    public void Save(string directory) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
