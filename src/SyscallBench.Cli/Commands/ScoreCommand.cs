using Spectre.Console.Cli;
using SyscallBench.Cli.Console;
using SyscallBench.Cli.Scoring;
using SyscallBench.Core.Streaming;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// `score --model MODEL_DIR INPUT`: scores new traces with a saved model: a score per trace, per process a
/// timeline of window scores, and an alert (with an explanation) for every window above the threshold
/// calibrated on normal windows at the chosen false-alarm rate. Streams: results are printed as they come.
/// </summary>
/// <remarks>The policy (numbering checks, which normal traces set the threshold, the calibration cache) is <see cref="ScoreSession"/>'s; this parses and renders.</remarks>
public sealed class ScoreCommand : Command<ScoreSettings>
{
    public override int Execute(CommandContext context, ScoreSettings settings, CancellationToken cancellationToken)
    {
        IScoreOutput output = settings.JsonLines ? new JsonLinesScoreOutput() : new TableScoreOutput();
        using var session = ScoreSession.Open(settings.Request, DetectorCatalog.Detectors, DetectorCatalog.ConfigReader(), output.Warning, cancellationToken);
        output.Start(new ScoreHeader(settings.Model, session.Model.Type, session.Request.Window, session.Calibration, session.CalibrationCached,
            session.Threshold, session.Names));
        foreach (var warning in session.Warnings)
        {
            output.Warning(warning);
        }

        var (scorer, end) = session.Score(System.Console.OpenStandardInput(), output, output.Warning, StandardOutput.IsClosed, cancellationToken);
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
}
