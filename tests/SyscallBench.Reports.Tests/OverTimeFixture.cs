using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Results;
using SyscallBench.Core.Traces;

namespace SyscallBench.Reports.Tests;

/// <summary>
/// The report fixture as a run on recordings judged over time: the real time-aware evaluator over hand-made window scores
/// (test attack recordings whose attack starts at 30 s, normals), with timelines and explained top windows, the dataset
/// numbered x86-64 so the report names syscalls.
/// </summary>
internal static class OverTimeFixture
{
    public const int Execve = 59;

    public const int Socket = 41;

    public static RunResult Result(bool sliced = false)
    {
        var run = ReportFixture.Result();
        var options = new OverTimeOptions { FalseAlarmBudgets = [0, 10] };
        var validation = new[] { Recording("v", attack: false, 0, 1, sliced: false) };
        var detectors = run.Detectors.Select((r, d) =>
        {
            var test = r.Scores.Select((s, i) => Recording(s.TraceId, s.Label == TraceLabel.Attack, d, i, sliced)).ToArray();
            var evaluation = OverTimeEvaluator.Evaluate(test, validation, options, "100 calls, 16 calls of context", "the scenario's validation/ recordings");
            var timelines = test.Select((t, i) => new RecordingTimeline(t.Id, t.IsAttack, t.Family, t.Start, t.End, t.AttackStart, r.Scores[i].Score,
                t.WindowEnds, t.Scores, [new ExplainedWindow("httpd tid 7", 29, t.WindowEnds[^1], t.Scores.Max(), [Execve, Socket], [Execve])],
                sliced ? "whole-recording" : null)).ToArray();
            return r with { OverTime = evaluation with { Timelines = timelines } };
        }).ToArray();
        // A copy drops the summary, which depends on the detectors: build it again.
        return (run with
        {
            Dataset = run.Dataset with { Provenance = run.Dataset.Provenance with { Type = "lid-ds", Architecture = "x86-64" } },
            Detectors = detectors,
        }).Summarized();
    }

    /// <summary>60 s, a window every 5 s; attacks (from 30 s) score high after the start for detector 0, lower for the others.</summary>
    private static ScoredRecording Recording(string id, bool attack, int detector, int index, bool sliced)
    {
        var offset = sliced ? index * 60 : 0;
        var ends = Enumerable.Range(1, 12).Select(k => offset + k * 5.0).ToArray();
        var scores = ends.Select(t => attack && t - offset >= 30 ? 1.0 / (1 + detector) + 0.1 : 0.05 * (index % 3)).ToArray();
        return new ScoredRecording(id, attack ? TraceLabel.Attack : TraceLabel.Normal, attack ? "CVE-1" : null, offset, offset + 60,
            attack ? offset + 30 : null, ends, scores);
    }
}
