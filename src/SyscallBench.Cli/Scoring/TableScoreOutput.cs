using System.Globalization;
using System.Text;
using Spectre.Console;
using SyscallBench.Core.Probes.Insights;
using SyscallBench.Core.Streaming;

namespace SyscallBench.Cli.Scoring;

/// <summary>
/// `--format table` (default): the calibration, then every alert with its explanation as it happens, then
/// one table row per process: trace score, windows, alerts and a timeline of its last window scores.
/// </summary>
/// <remarks>
/// Rows are kept for the final table, so on endless input only the <see cref="MaxRows"/> processes with the
/// highest window scores are kept (memory stays bounded); the table says how many were left out.
/// </remarks>
public sealed class TableScoreOutput : IScoreOutput
{
    public const int MaxRows = 1000;

    private const int MaxListed = 10;

    private const string Levels = "▁▂▃▄▅▆▇█";

    private readonly List<TraceResult> _rows = [];
    private long _dropped;
    private ScoreHeader? _header;

    private ScoreHeader Header => _header ?? throw new InvalidOperationException("Start was not called.");

    public void Start(ScoreHeader header)
    {
        _header = header;
        var c = header.Calibration;
        var t = header.Threshold;
        AnsiConsole.MarkupLine($"model [bold]{Markup.Escape(header.Model)}[/] ({Markup.Escape(header.DetectorType)}); windows of {Markup.Escape(header.Window.ToString())}");
        AnsiConsole.MarkupLine(Markup.Escape(
            $"threshold {Format(t.Value)}: at most {Format(t.TargetFalseAlarmRate)} of normal windows above it (achieved {Format(t.AchievedFalseAlarmRate)}), "
            + $"set on {c.Scores.Length} windows of {c.Source}{(header.CalibrationCached ? " (cached)" : "")}"));
        if (header.Input is { } input)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"scoring {input}"));
        }
    }

    public void Warning(string message) => AnsiConsole.MarkupLine("[yellow]warning:[/] " + Markup.Escape(message));

    public void Window(WindowResult result)
    {
        if (!result.IsAlert)
        {
            return;
        }

        var w = result.Scored.Window;
        var when = w.Start is { } start ? $", {Clock(start)}-{Clock(w.End!.Value)}" : "";
        AnsiConsole.MarkupLine($"[red]ALERT[/] {Markup.Escape(w.Process)} window {w.Index} (calls {w.FirstCall}-{w.FirstCall + w.Calls.Length - 1}{when}): "
            + $"score {Format(result.Scored.Score)} > {Format(Header.Threshold.Value)}");
        if (result.Explanation is not { } e)
        {
            return;
        }

        foreach (var p in e.TopPositions ?? [])
        {
            AnsiConsole.MarkupLine(Markup.Escape($"    call {p.Position} {Header.NameOf(Syscall(p))} scored {Format(p.Score)}: ... {string.Join(" ", p.Context.Select(Header.NameOf))} ..."));
        }

        if (e.UnseenSyscalls is { Count: > 0 } calls)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"    never seen in training: {string.Join(", ", calls.Take(MaxListed).Select(Header.NameOf))}"
                + (calls.Count > MaxListed ? $" and {calls.Count - MaxListed} more" : "")));
        }

        if (e.UnseenNGrams is { Count: > 0 } grams)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"    {e.UnseenNGramCount} {grams[0].Length}-grams never seen in training, e.g. "
                + string.Join("; ", grams.Select(g => string.Join(" ", g.Select(Header.NameOf))))));
        }
    }

    public void TraceEnd(TraceResult result)
    {
        _rows.Add(result);
        if (_rows.Count >= 2 * MaxRows)
        {
            _dropped += _rows.Count - MaxRows;
            var kept = _rows.OrderByDescending(r => r.MaxWindowScore).Take(MaxRows).ToArray();
            _rows.Clear();
            _rows.AddRange(kept);
        }
    }

    public void Finish(StreamScorer scorer)
    {
        var threshold = Header.Threshold.Value;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("process", "calls", "trace score", "windows", "alerts", "max window", $"last {StreamScorer.TimelineLength} windows ({Levels[4]} and up: alert)");
        var shown = _rows.Count > MaxRows ? _rows.OrderByDescending(r => r.MaxWindowScore).Take(MaxRows).ToList() : _rows;
        foreach (var row in shown)
        {
            table.AddRow(Markup.Escape(row.End.Process), row.End.Calls.ToString(CultureInfo.InvariantCulture),
                row.TraceScore is { } s ? Format(s) : "(too long)", row.End.Windows.ToString(CultureInfo.InvariantCulture),
                row.Alerts > 0 ? $"[red]{row.Alerts}[/]" : "0", Format(row.MaxWindowScore), Markup.Escape(Sparkline(row.Timeline, threshold, Header.Calibration.Scores)));
        }

        var left = _dropped + _rows.Count - shown.Count;
        if (left > 0)
        {
            table.Caption($"{left} more processes with lower window scores are not shown");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{scorer.TracesEnded} processes, {scorer.Windows} windows, {(scorer.Alerts > 0 ? "[red]" : "")}{scorer.Alerts} alerts{(scorer.Alerts > 0 ? "[/]" : "")}");
    }

    /// <summary>
    /// One character per window. At or below the threshold: levels 1-4 by the share of normal calibration
    /// windows scoring lower; above it (alerts): levels 5-8 by the distance above the threshold, in units of
    /// the normal windows' spread (threshold minus lowest normal score; any distance is level 8 when that is 0).
    /// </summary>
    internal static string Sparkline(IReadOnlyList<double> scores, double threshold, double[] normalScoresAscending)
    {
        var lowest = normalScoresAscending.Length > 0 ? normalScoresAscending[0] : threshold;
        var spread = threshold - lowest;
        var text = new StringBuilder(scores.Count);
        foreach (var score in scores)
        {
            int level;
            if (score <= threshold)
            {
                var below = LowerBound(normalScoresAscending, score) / (double)Math.Max(1, normalScoresAscending.Length);
                level = Math.Min(3, (int)(below * 4));
            }
            else
            {
                level = spread > 0 ? 4 + Math.Min(3, (int)((score - threshold) / spread * 4)) : 7;
            }

            text.Append(Levels[level]);
        }

        return text.ToString();
    }

    /// <summary>How many of the ascending values are strictly below <paramref name="value"/>.</summary>
    private static int LowerBound(double[] ascending, double value)
    {
        int lo = 0, hi = ascending.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (ascending[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int Syscall(DrivingPosition p) => p.Context[p.Position - p.ContextStart];

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Clock(double seconds) => TimeSpan.FromSeconds(seconds % 86_400).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
