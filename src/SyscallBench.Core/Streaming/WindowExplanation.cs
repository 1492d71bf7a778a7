using SyscallBench.Core.Detection;
using SyscallBench.Core.Probes.Insights;

namespace SyscallBench.Core.Streaming;

/// <summary>Why a window was flagged: what in it the detector found most surprising or never saw in training.</summary>
/// <param name="TopPositions">The window's calls with the highest position scores (surprisal in nats for the
/// n-gram LM and LSTM; 1 for a stide window never seen), highest first, with the calls around them;
/// positions are 0-based within the process. Null when the detector gives no position scores.</param>
/// <param name="UnseenSyscalls">Syscalls in the window that never occurred in training, in order of first
/// appearance; null when the detector cannot tell.</param>
/// <param name="UnseenNGrams">n-grams ending in the window that never occurred in training (first
/// <see cref="WindowExplainer.MaxUnseenNGrams"/> distinct ones, in order); null when the detector cannot tell.</param>
/// <param name="UnseenNGramCount">How many n-grams ending in the window were never seen (with repetition).</param>
public sealed record WindowExplanation(
    IReadOnlyList<DrivingPosition>? TopPositions,
    IReadOnlyList<int>? UnseenSyscalls,
    IReadOnlyList<int[]>? UnseenNGrams,
    int? UnseenNGramCount);

/// <summary>Explains flagged windows with <see cref="ExplanationProbe"/>'s rule for driving positions.</summary>
public sealed class WindowExplainer(IFittedDetector detector, int topPositions = 5)
{
    public const int MaxUnseenNGrams = 5;

    public WindowExplanation Explain(ScoredWindow scored)
    {
        var window = scored.Window;
        var calls = window.ContextAndCalls();
        var offset = window.FirstCall - window.Context.Length; // process index of calls[0]
        IReadOnlyList<DrivingPosition>? top = null;
        if (scored.PositionScores is { } own)
        {
            // The context's positions explain earlier windows, not this one: they are given score 0.
            var positions = new double[calls.Length];
            own.CopyTo(positions, window.Context.Length);
            top = ExplanationProbe.DrivingPositions(calls, positions, topPositions)
                .Select(p => new DrivingPosition((int)(p.Position + offset), p.Score, (int)(p.ContextStart + offset), p.Context))
                .ToArray();
        }

        if (detector.As<ITrainingNGrams>() is not { } training)
        {
            return new WindowExplanation(top, null, null, null);
        }

        var unseenSyscalls = window.Calls.Where(c => !training.IsKnownSyscall(c)).Distinct().ToArray();
        var n = training.NGramLength;
        var unseen = new List<int[]>();
        var count = 0;
        for (var end = Math.Max(window.Context.Length, n - 1); end < calls.Length; end++)
        {
            var gram = calls.AsSpan(end - n + 1, n);
            if (training.WasSeenInTraining(gram))
            {
                continue;
            }

            count++;
            var copy = gram.ToArray();
            if (unseen.Count < MaxUnseenNGrams && !unseen.Any(u => u.AsSpan().SequenceEqual(copy)))
            {
                unseen.Add(copy);
            }
        }

        return new WindowExplanation(top, unseenSyscalls, unseen, count);
    }
}
