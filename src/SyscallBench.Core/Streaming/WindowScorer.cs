using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Streaming;

/// <summary>A window and the detector's score of it.</summary>
/// <param name="Window">The window.</param>
/// <param name="Score">Higher = more anomalous (see <see cref="WindowScorer"/>).</param>
/// <param name="PositionScores">The detector's position scores of the window's own calls (aligned with
/// <see cref="CallWindow.Calls"/>); null for detectors without position scores.</param>
public sealed record ScoredWindow(CallWindow Window, double Score, double[]? PositionScores);

/// <summary>
/// Scores windows with a fitted detector, the same way for calibration and for new input.
/// </summary>
/// <remarks>
/// The detector scores the window's context followed by its calls, as one trace. When it returns position
/// scores (stide family, n-gram LM, LSTM), the window score is the mean of the position scores of the
/// window's own calls: the context only supplies their history (stide: mismatch rate of the k-call windows
/// ending in the window; n-gram LM and LSTM: mean surprisal of the window's calls). Detectors without
/// position scores (One-Class SVM, PCA, ensembles) score the window's calls alone, as a short trace. The
/// LSTM starts from a fresh state at the context's first call, so its surprisals differ a little from
/// those inside a whole trace; calibration windows are scored the same way, so the threshold matches.
/// </remarks>
public sealed class WindowScorer(IFittedDetector detector)
{
    private bool? _positional;

    public IFittedDetector Detector { get; } = detector;

    public IReadOnlyList<ScoredWindow> Score(IReadOnlyList<CallWindow> windows, CancellationToken cancellation = default)
    {
        if (windows.Count == 0)
        {
            return [];
        }

        if (_positional is false)
        {
            return Alone(windows, cancellation);
        }

        var scores = Detector.ScoreMany(windows.Select(w => Trace.Normal(w.Process, w.ContextAndCalls())).ToArray(), cancellation);
        _positional = scores[0].PositionScores is not null;
        if (_positional is false)
        {
            return Alone(windows, cancellation);
        }

        var scored = new ScoredWindow[windows.Count];
        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i];
            var positions = scores[i].PositionScores
                ?? throw new InvalidOperationException($"A '{Detector.Type}' detector returned position scores for some traces only.");
            var own = positions[window.Context.Length..];
            scored[i] = new ScoredWindow(window, own.Average(), own);
        }

        return scored;
    }

    private ScoredWindow[] Alone(IReadOnlyList<CallWindow> windows, CancellationToken cancellation)
    {
        var scores = Detector.ScoreMany(windows.Select(w => Trace.Normal(w.Process, w.Calls)).ToArray(), cancellation);
        return windows.Select((w, i) => new ScoredWindow(w, scores[i].Value, null)).ToArray();
    }
}
