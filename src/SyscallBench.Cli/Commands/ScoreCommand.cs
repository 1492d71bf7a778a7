using System.Globalization;
using Spectre.Console.Cli;
using SyscallBench.Cli.Console;
using SyscallBench.Cli.Scoring;
using SyscallBench.Core.Recording;
using SyscallBench.Core.Streaming;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// `score --model MODEL_DIR INPUT`: scores new traces with a saved model: a score per trace, per process a
/// timeline of window scores, and an alert (with an explanation) for every window above the threshold
/// calibrated on normal windows at the chosen false-alarm rate. Streams: results are printed as they come.
/// With --cgroup or --container instead of INPUT, the recorder runs in the process and its .sc lines are scored live; with
/// --dataset EXPERIMENT, the traces of its dataset picked by --split and --label.
/// </summary>
/// <remarks>The policy (numbering checks, which normal traces set the threshold, the calibration cache) is <see cref="ScoreSession"/>'s; this parses and renders.</remarks>
public sealed class ScoreCommand : Command<ScoreSettings>
{
    public override int Execute(CommandContext context, ScoreSettings settings, CancellationToken cancellationToken)
    {
        IScoreOutput output = settings.JsonLines ? new JsonLinesScoreOutput() : new TableScoreOutput();
        using var session = ScoreSession.Open(settings.Request, DetectorCatalog.Detectors, DetectorCatalog.ConfigReader(), output.Warning, cancellationToken);
        output.Start(new ScoreHeader(settings.Model, session.Model.Type, session.Request.Window, session.Calibration, session.CalibrationCached,
            session.Threshold, session.Names, session.Selected?.Description));
        foreach (var warning in session.Warnings)
        {
            output.Warning(warning);
        }

        // The capture starts once the model is loaded and calibrated, so the first recorded lines are read at once.
        using var capture = settings.CapturesLive ? LiveCapture.Start(settings.Recording, new RecorderLog(output), cancellationToken) : null;
        var input = capture?.Lines ?? (session.Request.ReadsStandardInput ? StandardInput.Open() : Stream.Null);
        var (scorer, end) = session.Score(input, output, output.Warning, StandardOutput.IsClosed, cancellationToken);
        if (end == ScoreEnd.InputEnded && capture?.Wait() is { } recorded)
        {
            // Wait rethrows what made the recorder fail (not root, no engine, no such cgroup): an error, exit code 1.
            output.Warning(string.Create(CultureInfo.InvariantCulture,
                $"recorded {recorded.Events:N0} events ({recorded.LostEvents:N0} lost) in {recorded.Seconds:0.0} s with the {recorded.Engine} engine; stopped: {recorded.StopReason}."));
        }

        switch (end)
        {
            case ScoreEnd.OutputClosed:
                return CliApp.ExitOk; // `| head`: nobody reads the rest
            case ScoreEnd.Interrupted:
                // Ctrl-C is how live scoring ends, so it is summarised as the end of the input would be; for files the
                // input was cut short, so the exit code says so.
                output.Warning("interrupted (Ctrl-C): the processes and summary below cover the input read so far.");
                output.Finish(scorer);
                return session.Request.ReadsStandardInput ? CliApp.ExitOk : CliApp.ExitUserError;
            default:
                output.Finish(scorer);
                return CliApp.ExitOk;
        }
    }

    /// <summary>The recorder's notes and warnings go where score's warnings go (standard error in jsonl, so its output stays JSON).</summary>
    private sealed class RecorderLog(IScoreOutput output) : IRecordingLog
    {
        public void Note(string message) => output.Warning(message);

        public void Warning(string message) => output.Warning(message);
    }
}
