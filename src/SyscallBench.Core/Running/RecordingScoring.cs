using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Streaming;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Running;

/// <summary>
/// What a unit computes from its fitted model on a dataset of recordings: each test recording's score (the decision
/// unit's, for ROC) and, when the recordings have times and attack starts, the time-aware evaluation with thresholds
/// from the validation recordings and the timelines a report draws.
/// </summary>
/// <remarks>
/// Every recording is scored window by window over its streams (<see cref="RecordingScorer"/>, the windowing of `score`),
/// whatever the detector: a recording's score is its highest window score, or with
/// <see cref="RecordingScore.MaxStream"/> its worst stream scored whole. Timelines are kept for every test recording when
/// there are at most <see cref="MaxTimelines"/>; else for the attack recordings (at most that many, the highest-scoring)
/// and one typical normal recording, the test normal of median length in time (chosen from the data alone, so every
/// detector keeps the same one). Each comes with its <see cref="TopWindows"/> highest windows explained.
/// </remarks>
internal static class RecordingScoring
{
    public const int TopWindows = 3;

    public const int MaxTimelines = 200;

    /// <summary>How many distinct driving syscalls an explained window names.</summary>
    private const int DrivingSyscalls = 5;

    public static (double[] Scores, OverTimeEvaluation? OverTime) Run(IFittedDetector fitted, LabeledDataset data, OverTimeOptions options,
        CancellationToken cancellation)
    {
        var spec = options.Window;
        var scorer = new WindowScorer(fitted);
        var test = RecordingScorer.Score(data.Test, scorer, spec, TopWindows, cancellation);
        var scores = options.RecordingScore == RecordingScore.MaxWindow
            ? test.Select(r => r.MaxScore).ToArray()
            : MaxStreamScores(fitted, data.Test, cancellation);
        if (!IsTimeAware(data))
        {
            return (scores, null);
        }

        var validation = RecordingScorer.Score(data.Validation, scorer, spec, top: 0, cancellation);
        var evaluation = OverTimeEvaluator.Evaluate(test.Select(r => r.ForEvaluation()).ToArray(), validation.Select(r => r.ForEvaluation()).ToArray(),
            options, spec.ToString(), data.ValidationSource);
        return (scores, evaluation with { Timelines = Timelines(test, scores, new WindowExplainer(fitted)) });
    }

    /// <summary>
    /// Whether the time-aware evaluation applies: test and validation recordings all timed, some test attack with a
    /// known start, and validation recordings to set thresholds on.
    /// </summary>
    public static bool IsTimeAware(LabeledDataset data) =>
        data.HasRecordings
        && data.Validation.Count > 0
        && data.Test.Concat(data.Validation).All(t => t.Timeline?.Times is not null)
        && data.Test.Any(t => t.IsAttack && t.Timeline!.AttackStart is not null);

    private static double[] MaxStreamScores(IFittedDetector fitted, IReadOnlyList<Trace> recordings, CancellationToken cancellation)
    {
        var streams = recordings.Select(DetectorSequences.StreamsOf).ToArray();
        var scores = fitted.ScoreValues(streams.SelectMany(s => s).ToArray(), cancellation);
        var next = 0;
        return streams.Select(s => Enumerable.Range(0, s.Count).Max(_ => scores[next++])).ToArray();
    }

    private static IReadOnlyList<RecordingTimeline> Timelines(IReadOnlyList<ScoredRecordingWindows> test, double[] scores, WindowExplainer explainer)
    {
        if (test.Count <= MaxTimelines)
        {
            // Few enough to keep all: slices of one recording can then be drawn together.
            return test.Select((r, i) => Timeline(r, scores[i], explainer)).ToArray();
        }

        var attacks = Enumerable.Range(0, test.Count).Where(i => test[i].Recording.IsAttack)
            .OrderByDescending(i => scores[i]).ThenBy(i => test[i].Recording.Id, StringComparer.Ordinal).Take(MaxTimelines);
        var normals = Enumerable.Range(0, test.Count).Where(i => !test[i].Recording.IsAttack)
            .OrderBy(i => test[i].Recording.Timeline!.Duration).ThenBy(i => test[i].Recording.Id, StringComparer.Ordinal).ToArray();
        var chosen = normals.Length == 0 ? attacks : attacks.Append(normals[(normals.Length - 1) / 2]);
        return chosen.Select(i => Timeline(test[i], scores[i], explainer)).ToArray();
    }

    private static RecordingTimeline Timeline(ScoredRecordingWindows windows, double score, WindowExplainer explainer)
    {
        var recording = windows.Recording;
        var timeline = recording.Timeline!;
        var (times, values) = TimelineSeries.Downsample(windows.Ends!, windows.Scores, timeline.Start, timeline.End);
        var top = windows.Top.Select(w =>
        {
            var explanation = explainer.Explain(w);
            var driving = (explanation.TopPositions ?? [])
                .Select(p => p.Context[p.Position - p.ContextStart])
                .Distinct().Take(DrivingSyscalls).ToArray();
            return new ExplainedWindow(w.Window.Process, w.Window.Start!.Value, w.Window.End!.Value, w.Score, driving, explanation.UnseenSyscalls);
        }).ToArray();
        return new RecordingTimeline(recording.Id, recording.IsAttack, recording.Family, timeline.Start, timeline.End, timeline.AttackStart,
            score, times, values, top, timeline.SliceOf);
    }
}
