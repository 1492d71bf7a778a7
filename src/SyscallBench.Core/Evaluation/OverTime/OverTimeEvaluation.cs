namespace SyscallBench.Core.Evaluation.OverTime;

/// <summary>One false-alarm budget: its threshold from validation, and what it gives on the test recordings.</summary>
public sealed record BudgetResult(BudgetThreshold Threshold, AlarmOutcome Outcome);

/// <summary>
/// The time-aware evaluation of one detector on recordings with times and attack starts (LID-DS): thresholds from validation
/// recordings only, at each false-alarm budget; detection rate, latency, false alarms per hour and LID-DS's consecutive
/// false alarms at each; the detection-vs-false-alarms curve (<see cref="AmocCurve"/>) and its area. Sits beside the ROC
/// evaluation of the recordings' scores, never replacing it.
/// </summary>
/// <param name="Window">The windowing the scores were computed over (<see cref="Streaming.WindowSpec.ToString"/>).</param>
/// <param name="ThresholdSource">Which recordings set the thresholds, in words (never test data).</param>
/// <param name="ValidationRecordings">How many recordings set them.</param>
/// <param name="ValidationHours">Their observed hours.</param>
/// <param name="ValidationWindows">Their windows.</param>
/// <param name="TestRecordings">Test recordings judged (attacks without a known start are left out).</param>
/// <param name="TestWindows">Their windows.</param>
/// <param name="Budgets">One result per configured budget, in the configured order; the first is the default.</param>
/// <param name="Curve">The detection-vs-false-alarms-per-hour curve over every threshold.</param>
/// <param name="CurveMaxFalseAlarmsPerHour">The budget the curve's area is taken up to.</param>
/// <param name="CurveArea">The curve's area up to it, divided by it (1 = everything detected with no false alarm).</param>
public sealed record OverTimeEvaluation(
    string Window,
    string ThresholdSource,
    int ValidationRecordings,
    double ValidationHours,
    int ValidationWindows,
    int TestRecordings,
    int TestWindows,
    IReadOnlyList<BudgetResult> Budgets,
    AmocCurve Curve,
    double CurveMaxFalseAlarmsPerHour,
    double CurveArea)
{
    /// <summary>Scores over time of the recordings a report draws: the attack recordings (at most a few hundred) and a typical normal one.</summary>
    public IReadOnlyList<RecordingTimeline> Timelines { get; init; } = [];

    /// <summary>The first budget's result: what the console shows.</summary>
    public BudgetResult Default => Budgets[0];
}

/// <summary>One recording's score over time as a report draws it, with the windows that scored highest and why.</summary>
/// <param name="Id">The recording.</param>
/// <param name="IsAttack">Attack or normal.</param>
/// <param name="Family">The attack family; null for normal recordings.</param>
/// <param name="Start">Start of its observed period, seconds.</param>
/// <param name="End">End of it, seconds.</param>
/// <param name="AttackStart">When the attack started; null for normal recordings.</param>
/// <param name="Score">The recording's score (what ROC ranks).</param>
/// <param name="Times">Window end times, seconds: at most <see cref="TimelineSeries.MaxPoints"/>, each the highest-scoring window of its slice of time.</param>
/// <param name="Scores">Those windows' scores.</param>
/// <param name="TopWindows">Its highest-scoring windows, highest first, with what drove them.</param>
/// <param name="SliceOf">For a slice of a longer recording, that recording's id (a report draws its slices together); else null.</param>
public sealed record RecordingTimeline(
    string Id,
    bool IsAttack,
    string? Family,
    double Start,
    double End,
    double? AttackStart,
    double Score,
    IReadOnlyList<double> Times,
    IReadOnlyList<double> Scores,
    IReadOnlyList<ExplainedWindow> TopWindows,
    string? SliceOf = null);

/// <summary>A high-scoring window and the calls that drove its score.</summary>
/// <param name="Stream">The stream (thread, process) it belongs to.</param>
/// <param name="Start">Its first call's time, seconds.</param>
/// <param name="End">Its last call's time, seconds.</param>
/// <param name="Score">Its score.</param>
/// <param name="DrivingSyscalls">The syscalls at its highest position scores, highest first, distinct; empty for detectors without position scores.</param>
/// <param name="UnseenSyscalls">Syscalls in it never seen in training; null when the detector cannot tell.</param>
public sealed record ExplainedWindow(string Stream, double Start, double End, double Score, IReadOnlyList<int> DrivingSyscalls, IReadOnlyList<int>? UnseenSyscalls);
