using Spectre.Console.Cli;
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

        var scorer = session.Score(System.Console.In, output, output.Warning, cancellationToken);
        output.Finish(scorer);
        return CliApp.ExitOk;
    }
}
