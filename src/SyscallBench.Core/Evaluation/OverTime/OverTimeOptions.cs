using System.ComponentModel;
using System.Globalization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Streaming;

namespace SyscallBench.Core.Evaluation.OverTime;

/// <summary>How a recording's score is made from its streams.</summary>
public enum RecordingScore
{
    /// <summary>The highest window score over all its streams: a recording is flagged at a threshold exactly when one of its windows alarms.</summary>
    MaxWindow,

    /// <summary>The highest whole-stream score: each stream (thread, process) scored as one trace by the detector, the worst one counts.</summary>
    MaxStream,
}

/// <summary>
/// The experiment's <c>over_time:</c> section: how recordings (datasets whose traces have timelines: LID-DS, strace files
/// read with streams) are cut into windows and scored, and the false-alarm budgets of the time-aware evaluation.
/// </summary>
public sealed class OverTimeOptions : IOptions
{
    public const int DefaultWindowCalls = 100;

    [Description("Windows of this many consecutive calls of a stream (the default, 100, when window_seconds is not given).")]
    public int? WindowCalls { get; init; }

    [Description("Windows of this many seconds of a stream instead of a number of calls (needs timed recordings).")]
    public double? WindowSeconds { get; init; }

    [Description("Calls before each window a detector sees as its history (stide windows, n-gram orders), as in `score`.")]
    public int ContextCalls { get; init; } = WindowSpec.DefaultContextCalls;

    [Description("A recording's score for ROC: max_window (its highest window score, so it is flagged exactly when a window alarms) "
        + "or max_stream (its worst stream's score as a whole trace).")]
    public RecordingScore RecordingScore { get; init; } = RecordingScore.MaxWindow;

    [Description("False alarms per hour of normal recording allowed on the validation recordings; each sets a threshold. 0 is LID-DS's rule: "
        + "the highest window score seen on validation. The first budget is the one the console shows.")]
    public double[] FalseAlarmBudgets { get; init; } = [0, 1, 10];

    [Description("The detection-vs-false-alarms curve's area is taken from 0 to this many false alarms per hour (and divided by it: 1 is perfect).")]
    public double CurveMaxFalseAlarmsPerHour { get; init; } = 10;

    /// <summary>The windowing the options describe.</summary>
    public WindowSpec Window => new(WindowSeconds is null ? WindowCalls ?? DefaultWindowCalls : null, WindowSeconds, ContextCalls);

    public IEnumerable<OptionError> Validate()
    {
        if (WindowCalls is not null && WindowSeconds is not null)
        {
            yield return new OptionError(nameof(WindowSeconds), "give window_calls or window_seconds, not both");
        }

        if (WindowCalls is < 1)
        {
            yield return new OptionError(nameof(WindowCalls), $"must be at least 1, got {WindowCalls}");
        }

        if (WindowSeconds is { } seconds && !(seconds > 0 && double.IsFinite(seconds)))
        {
            yield return new OptionError(nameof(WindowSeconds), $"must be above 0, got {seconds.ToString(CultureInfo.InvariantCulture)}");
        }

        if (ContextCalls < 0)
        {
            yield return new OptionError(nameof(ContextCalls), $"must be at least 0, got {ContextCalls}");
        }

        if (FalseAlarmBudgets.Length == 0)
        {
            yield return new OptionError(nameof(FalseAlarmBudgets), "must list at least one budget (0 is LID-DS's highest-validation-score rule)");
        }

        foreach (var bad in FalseAlarmBudgets.Where(b => !(b >= 0 && double.IsFinite(b))))
        {
            yield return new OptionError(nameof(FalseAlarmBudgets), $"budgets are false alarms per hour, 0 or more; got {bad.ToString(CultureInfo.InvariantCulture)}");
        }

        if (FalseAlarmBudgets.Distinct().Count() != FalseAlarmBudgets.Length)
        {
            yield return new OptionError(nameof(FalseAlarmBudgets), "must be distinct");
        }

        if (!(CurveMaxFalseAlarmsPerHour > 0 && double.IsFinite(CurveMaxFalseAlarmsPerHour)))
        {
            yield return new OptionError(nameof(CurveMaxFalseAlarmsPerHour), $"must be above 0, got {CurveMaxFalseAlarmsPerHour.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Every option, in a stable text: part of score cache keys, so changed windows or budgets are computed again.</summary>
    public string Canonical() => OptionsSchema.Canonical(this);
}
