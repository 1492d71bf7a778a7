using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Probes.Insights;

/// <summary>
/// What a next-call predictor (n-gram language model, LSTM) expected along two test traces: per-call
/// surprisal, and at selected positions its top-<see cref="TopK"/> next calls against the call that came.
/// Every dataset; only detectors implementing <see cref="INextCallPredictor"/> (null for the others).
/// </summary>
/// <remarks>
/// <para>Traces are chosen from the TEST set by the scores the runner already computed, after fitting, so
/// no choice feeds back into the model: the most anomalous attack trace (highest score, ties: first in
/// dataset order) and a typical normal trace, the median-scored normal (normals sorted by score, ties in
/// dataset order, element (n-1)/2, the lower median).</para>
/// <para>Surprisal of call t is -ln p(call t | calls 0..t-1), in nats. It is the detector's own position
/// score when it returns one per call (the n-gram model and the LSTM do, and their trace scores are built
/// from it); otherwise it is read off <see cref="INextCallPredictor.PredictNext"/>, for the first
/// <see cref="MaxCalls"/> calls only. At most <see cref="MaxCalls"/> calls are stored: the whole trace when
/// it is that short, else the window of that many calls centred on the maximum surprisal (clipped to the
/// trace).</para>
/// <para>Selected positions: the maximum surprisal (ties: earliest) and a typical position, the one with
/// the window's median surprisal (lower median, ties: earliest), left out when it is the same position.
/// At each, the predictor is asked for its whole distribution after the calls before it (read from the
/// trace's start, which for a chunked LSTM can differ slightly from the scored surprisal).</para>
/// <para>Cost: the two traces scored again for their position scores (the runner keeps none: for a long trace they
/// cost 8 bytes a call; the trace score shown is the runner's) and at most four predictions per detector.</para>
/// </remarks>
public sealed class NextCallProbe : IDetectorProbe
{
    public const string ProbeName = "next_call";

    public const string MostAnomalousAttack = "most anomalous attack";

    public const string TypicalNormal = "typical normal";

    public const string MaximumSurprisal = "maximum surprisal";

    public const string TypicalSurprisal = "typical surprisal";

    public const int MaxCalls = 400;

    public const int TopK = 5;

    public string Name => ProbeName;

    public Type ResultType => typeof(NextCallProbeResult);

    public bool AppliesTo(LabeledDataset dataset) => true;

    public ProbeResult? Probe(string detector, int seed, IFittedDetector fitted, LabeledDataset dataset, IReadOnlyList<double> testScores)
    {
        if (fitted.As<INextCallPredictor>() is not { } predictor)
        {
            return null;
        }

        if (testScores.Count != dataset.Test.Count)
        {
            throw new ArgumentException($"{testScores.Count} scores for {dataset.Test.Count} test traces.", nameof(testScores));
        }

        var chosen = new List<NextCallTrace>();
        var attacks = Enumerable.Range(0, testScores.Count).Where(i => dataset.Test[i].IsAttack).ToArray();
        if (attacks.Length > 0)
        {
            var top = attacks.OrderByDescending(i => testScores[i]).ThenBy(i => i).First();
            chosen.Add(Follow(MostAnomalousAttack, dataset.Test[top], testScores[top], fitted, predictor));
        }

        var normals = Enumerable.Range(0, testScores.Count).Where(i => !dataset.Test[i].IsAttack)
            .OrderBy(i => testScores[i]).ThenBy(i => i).ToArray();
        if (normals.Length > 0)
        {
            var median = normals[(normals.Length - 1) / 2];
            chosen.Add(Follow(TypicalNormal, dataset.Test[median], testScores[median], fitted, predictor));
        }

        return new NextCallProbeResult(chosen);
    }

    private static NextCallTrace Follow(string role, Trace trace, double score, IFittedDetector fitted, INextCallPredictor predictor)
    {
        var calls = trace.Calls;
        double[] surprisal;
        if (fitted.Score(trace).PositionScores is { } positions && positions.Length == calls.Length)
        {
            surprisal = positions;
        }
        else
        {
            // No per-call surprisal from the detector: ask the predictor, for the stored window only.
            surprisal = new double[Math.Min(calls.Length, MaxCalls)];
            for (var t = 0; t < surprisal.Length; t++)
            {
                surprisal[t] = -Math.Log(Predict(predictor, calls, t, "").ActualProbability);
            }
        }

        var (start, length) = Window(surprisal, MaxCalls);
        var windowSurprisal = surprisal[start..(start + length)];
        var selected = new List<NextCallPosition>();
        if (length > 0)
        {
            var maximum = start + Enumerable.Range(0, length).OrderByDescending(i => windowSurprisal[i]).ThenBy(i => i).First();
            var ordered = Enumerable.Range(0, length).OrderBy(i => windowSurprisal[i]).ThenBy(i => i).ToArray();
            var typical = start + ordered[(ordered.Length - 1) / 2];
            selected.Add(Predict(predictor, calls, maximum, MaximumSurprisal) with { Surprisal = surprisal[maximum] });
            if (typical != maximum)
            {
                selected.Add(Predict(predictor, calls, typical, TypicalSurprisal) with { Surprisal = surprisal[typical] });
            }
        }

        return new NextCallTrace(role, trace.Id, trace.IsAttack, trace.Family, score, calls.Length, start,
            calls[start..(start + length)], windowSurprisal, selected);
    }

    /// <summary>The stored window: everything when short enough, else <paramref name="cap"/> calls centred on the maximum.</summary>
    internal static (int Start, int Length) Window(double[] surprisal, int cap)
    {
        if (surprisal.Length <= cap)
        {
            return (0, surprisal.Length);
        }

        // The first maximum, in one pass (sorting every call's index took 16 bytes a call of a long trace).
        var maximum = 0;
        for (var i = 1; i < surprisal.Length; i++)
        {
            maximum = surprisal[i] > surprisal[maximum] ? i : maximum;
        }

        var start = Math.Clamp(maximum - cap / 2, 0, surprisal.Length - cap);
        return (start, cap);
    }

    /// <summary>The predictor's whole distribution after calls[..position], against calls[position].</summary>
    private static NextCallPosition Predict(INextCallPredictor predictor, int[] calls, int position, string kind)
    {
        var actual = calls[position];
        var distribution = predictor.PredictNext(calls.AsSpan(0, position), int.MaxValue);
        var known = distribution.FirstOrDefault(p => p.Syscall == actual);
        var entry = known ?? distribution.FirstOrDefault(p => p.IsUnknown)
            ?? throw new InvalidOperationException($"The predictor gives no probability to syscall {actual} and has no unknown bucket.");
        var rank = 1 + distribution.Count(p => p.Probability > entry.Probability);
        var top = distribution.OrderByDescending(p => p.Probability).Take(TopK).ToArray();
        return new NextCallPosition(kind, position, actual, -Math.Log(entry.Probability), entry.Probability, rank, known is null, top);
    }
}
