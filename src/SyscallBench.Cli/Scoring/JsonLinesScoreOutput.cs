using System.Text.Json;
using Spectre.Console;
using SyscallBench.Core.Streaming;

namespace SyscallBench.Cli.Scoring;

/// <summary>
/// `--format jsonl`: one JSON object per line, flushed at once: a "calibration" line, a "window" line for
/// every window ("alert" instead when it passes the threshold, with its explanation), a "trace" line when
/// a process ends, and a final "summary" line. Warnings go to standard error, so standard output stays JSON.
/// </summary>
public sealed class JsonLinesScoreOutput : IScoreOutput
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private ScoreHeader? _header;

    private ScoreHeader Header => _header ?? throw new InvalidOperationException("Start was not called.");

    public void Start(ScoreHeader header)
    {
        _header = header;
        var calibration = header.Calibration;
        Write(new
        {
            type = "calibration",
            model = header.Model,
            detector_type = header.DetectorType,
            window = header.Window.ToString(),
            source = calibration.Source,
            traces = calibration.Traces,
            calls = calibration.Calls,
            windows = calibration.Scores.Length,
            false_alarm_rate = header.Threshold.TargetFalseAlarmRate,
            threshold = header.Threshold.Value,
            achieved_false_alarm_rate = header.Threshold.AchievedFalseAlarmRate,
            cached = header.CalibrationCached,
            input = header.Input,
        });
    }

    public void Warning(string message) => System.Console.Error.WriteLine("warning: " + message);

    public void Window(WindowResult result)
    {
        var window = result.Scored.Window;
        Write(new
        {
            type = result.IsAlert ? "alert" : "window",
            process = window.Process,
            index = window.Index,
            first_call = window.FirstCall,
            calls = window.Calls.Length,
            start = window.Start,
            end = window.End,
            score = result.Scored.Score,
            threshold = Header.Threshold.Value,
            explanation = result.Explanation is { } e ? Explain(e) : null,
        });
    }

    public void TraceEnd(TraceResult result) => Write(new
    {
        type = "trace",
        process = result.End.Process,
        calls = result.End.Calls,
        windows = result.End.Windows,
        alerts = result.Alerts,
        trace_score = result.TraceScore,
        max_window_score = result.MaxWindowScore,
        end = result.End.Reason.ToString().ToLowerInvariant(),
    });

    public void Finish(StreamScorer scorer) => Write(new
    {
        type = "summary",
        processes = scorer.TracesEnded,
        windows = scorer.Windows,
        alerts = scorer.Alerts,
    });

    /// <summary>Syscalls as numbers, and beside them as names when the numbering is known.</summary>
    private object Explain(WindowExplanation e) => new
    {
        top_calls = e.TopPositions?.Select(p => new
        {
            position = p.Position,
            syscall = p.Context[p.Position - p.ContextStart],
            name = Name(p.Context[p.Position - p.ContextStart]),
            score = p.Score,
            context_start = p.ContextStart,
            context = p.Context,
            context_names = Names(p.Context),
        }).ToArray(),
        unseen_syscalls = e.UnseenSyscalls,
        unseen_syscall_names = e.UnseenSyscalls is { } calls ? Names(calls) : null,
        unseen_ngrams = e.UnseenNGrams,
        unseen_ngram_names = e.UnseenNGrams?.Select(Names).ToArray(),
        unseen_ngram_count = e.UnseenNGramCount,
    };

    private string? Name(int syscall) => Header.Names?.NameOf(syscall);

    private string[]? Names(IEnumerable<int> syscalls) => Header.Names is { } names ? syscalls.Select(names.NameOf).ToArray() : null;

    private static void Write(object value)
    {
        var writer = AnsiConsole.Console.Profile.Out.Writer;
        writer.WriteLine(JsonSerializer.Serialize(value, Options));
        writer.Flush();
    }
}
