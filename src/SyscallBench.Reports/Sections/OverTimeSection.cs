using System.Globalization;
using System.Text;
using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Reports.Charts;
using SyscallBench.Reports.Html;
using SyscallBench.Reports.OverTime;

namespace SyscallBench.Reports.Sections;

/// <summary>
/// On recordings judged over time (LID-DS): every budget's detection, latency, false alarms per hour and LID-DS's
/// consecutive-false-alarm numbers; the detection-vs-false-alarms-per-hour curve; the latency distribution; and the
/// anomaly timeline of the most anomalous attack recordings and a typical normal one. Empty for other datasets.
/// </summary>
internal static class OverTimeSection
{
    public const string Id = "over-time";

    public static bool HasResults(IReadOnlyList<ReportRow> rows) => rows.Any(r => r.Result.OverTime is not null);

    /// <param name="rows">The results.</param>
    /// <param name="name">A syscall's name (or number, when the numbering is unknown).</param>
    public static string Html(IReadOnlyList<ReportRow> rows, Func<int, string> name)
    {
        if (!HasResults(rows))
        {
            return "";
        }

        var judged = rows.Where(r => r.Result.OverTime is not null).ToArray();
        var first = judged[0].Result.OverTime!;
        var html = new StringBuilder($"<section id=\"{Id}\"><h2>Over time: detection, latency and false alarms per hour</h2>\n");
        html.Append("<p class=\"note\">Each recording (the decision unit) is cut into windows of ").Append(Text.Escape(first.Window))
            .Append(" per stream; a window alarms at its end when it scores above the threshold. Thresholds come from ")
            .Append(Text.Escape(first.ThresholdSource)).Append($" ({first.ValidationRecordings} recordings, {Hours(first.ValidationHours)})")
            .Append(", never from test data: for a budget of B false alarms per hour, the lowest validation score with at most B validation windows per hour above it; ")
            .Append("budget 0 is LID-DS's rule, the highest validation score. An attack recording is detected by its first alarm at or after the exploit ")
            .Append("start (latency: that alarm minus the start); alarms in normal recordings or before the exploit are false alarms, counted per hour of ")
            .Append($"that normal time ({Hours(first.Default.Outcome.NormalHours)} here); CFA counts runs of consecutive false alarms, with LID-DS's ")
            .Append("precision = detected / (detected + CFA) and F1 with the detection rate.</p>\n");
        html.Append(Table(judged));
        html.Append($"<h3>Detection against false alarms per hour, over every threshold</h3>\n<p class=\"note\">Fawcett and Provost's activity monitoring ")
            .Append("operating characteristic: the best detection rate reachable with at most x false alarms per hour (it reads the test labels, like the ")
            .Append($"ROC curve). Diamonds: where the threshold set on validation at budget {Budget(first.Default.Threshold.Budget)} lands. ")
            .Append($"Area: the curve's integral from 0 to {Text.Score(first.CurveMaxFalseAlarmsPerHour)} false alarms per hour, divided by it.</p>\n");
        html.Append(ChartEmbed.Html("chart-over-time-curve", AlarmCurveChart.Build(judged, first.CurveMaxFalseAlarmsPerHour), 420));
        if (judged.Any(r => r.Result.OverTime!.Default.Outcome.Latencies.Count > 0))
        {
            html.Append($"<h3>Detection latency at budget {Budget(first.Default.Threshold.Budget)}</h3>\n");
            html.Append(ChartEmbed.Html("chart-over-time-latency", LatencyChart.Build(judged), 360));
        }

        var drawn = TimelineSelection.Of(judged);
        if (drawn.Count > 0)
        {
            html.Append("<h3>Anomaly timeline</h3>\n<p class=\"note\">Each detector's window scores over the recording (the highest window of each ")
                .Append($"of at most {TimelineSeries.MaxPoints} slices of time), its threshold at budget {Budget(first.Default.Threshold.Budget)} (dashed), ")
                .Append("alarms (black ×), the exploit start (red line), and its highest window labelled with the calls that drove its score (the highest ")
                .Append("per-call scores; for detectors without per-call scores, the calls never seen in training). Attack recordings: the ones scored ")
                .Append("highest by the detectors together.</p>\n");
            for (var k = 0; k < drawn.Count; k++)
            {
                var recording = drawn[k];
                html.Append("<h4 class=\"name\">").Append(Text.Escape(RecordingTimelineChart.Caption(recording))).Append("</h4>\n");
                html.Append(ChartEmbed.Html(ChartId.Of("over-time-recording", recording.Id), RecordingTimelineChart.Build(recording, name),
                    60 + RecordingTimelineChart.RowHeight * recording.Timelines.Count, RecordingTimelineChart.LayoutPatch(recording)));
                html.Append(TopWindows(recording, name));
            }
        }

        return html.Append("</section>\n").ToString();
    }

    private static string Table(IReadOnlyList<ReportRow> rows)
    {
        var html = new StringBuilder("<table class=\"data\"><thead><tr><th>detector</th><th>budget (FA/h on validation)</th><th>threshold</th>")
            .Append("<th>detection</th><th>latency median</th><th>latency p90</th><th>false alarms / h</th><th>CFA</th><th>precision (CFA)</th>")
            .Append("<th>F1 (CFA)</th><th>curve area</th></tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            var overTime = row.Result.OverTime!;
            for (var b = 0; b < overTime.Budgets.Count; b++)
            {
                var (threshold, o) = (overTime.Budgets[b].Threshold, overTime.Budgets[b].Outcome);
                html.Append("<tr>")
                    .Append(b == 0 ? $"<td class=\"name\" rowspan=\"{overTime.Budgets.Count}\">{Text.Escape(row.Label)}</td>" : "")
                    .Append($"<td>{Budget(threshold.Budget)}</td><td>{Text.Score(threshold.Value)}</td>")
                    .Append($"<td>{Text.Fixed(o.DetectionRate)} ({o.Detected}/{o.AttackRecordings})</td>")
                    .Append($"<td>{Latency(o.LatencyMedian)}</td><td>{Latency(o.LatencyP90)}</td>")
                    .Append($"<td>{Text.Fixed(o.FalseAlarmsPerHour, 2)}</td><td>{o.ConsecutiveFalseAlarms}</td>")
                    .Append($"<td>{Text.Fixed(o.PrecisionCfa)}</td><td>{Text.Fixed(o.F1Cfa)}</td>")
                    .Append(b == 0 ? $"<td rowspan=\"{overTime.Budgets.Count}\">{Text.Fixed(overTime.CurveArea)}</td>" : "")
                    .Append("</tr>\n");
            }
        }

        return html.Append("</tbody></table>\n").ToString();
    }

    private static string TopWindows(DrawnRecording recording, Func<int, string> name)
    {
        var html = new StringBuilder("<table class=\"data explain\"><thead><tr><th>detector</th><th>window (s)</th><th>stream</th><th>score</th>")
            .Append("<th>calls that drove it</th><th>never seen in training</th></tr></thead><tbody>\n");
        foreach (var (row, timeline) in recording.Timelines)
        {
            foreach (var window in timeline.TopWindows)
            {
                html.Append($"<tr><td class=\"name\">{Text.Escape(row.Label)}</td>")
                    .Append(string.Create(CultureInfo.InvariantCulture, $"<td>{window.Start:0.###}–{window.End:0.###}</td>"))
                    .Append($"<td class=\"name\">{Text.Escape(window.Stream)}</td><td>{Text.Score(window.Score)}</td>")
                    .Append($"<td class=\"calls\">{Text.Escape(string.Join(" ", window.DrivingSyscalls.Select(name)))}</td>")
                    .Append($"<td class=\"calls\">{(window.UnseenSyscalls is { } unseen ? Text.Escape(string.Join(" ", unseen.Select(name))) : "n/a")}</td></tr>\n");
            }
        }

        return html.Append("</tbody></table>\n").ToString();
    }

    private static string Budget(double budget) => budget == 0 ? "0 (LID-DS: max on validation)" : Text.Score(budget);

    private static string Latency(double? seconds) => seconds is { } s ? Text.Fixed(s, 2) + " s" : "n/a";

    /// <summary>Hours as "2.5 h", "12.3 min" or "3.1 s", whichever reads best.</summary>
    private static string Hours(double hours) =>
        hours >= 1 ? $"{hours.ToString("0.##", CultureInfo.InvariantCulture)} h"
        : hours * 60 >= 1 ? $"{(hours * 60).ToString("0.#", CultureInfo.InvariantCulture)} min"
        : $"{(hours * 3600).ToString("0.#", CultureInfo.InvariantCulture)} s";
}
