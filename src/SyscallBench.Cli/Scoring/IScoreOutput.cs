using System.Globalization;
using SyscallBench.Core.Probes.Generalization;
using SyscallBench.Core.Streaming;
using SyscallBench.Core.Traces;

namespace SyscallBench.Cli.Scoring;

/// <summary>What every `score` output starts with: the model, the windowing and where the threshold came from.</summary>
/// <param name="Model">The model folder, as given.</param>
/// <param name="DetectorType">The model's detector type.</param>
/// <param name="Window">The windowing.</param>
/// <param name="Calibration">The normal window scores the threshold was set on, and where they came from.</param>
/// <param name="CalibrationCached">Whether the calibration came from the cache.</param>
/// <param name="Threshold">The alert threshold at the chosen false-alarm rate.</param>
/// <param name="Names">The syscall table to name calls with; null when the numbering is unknown (numbers are shown).</param>
/// <param name="Input">Which dataset traces are scored (--dataset), in words; null for files and streams, which name themselves.</param>
public sealed record ScoreHeader(string Model, string DetectorType, WindowSpec Window, WindowCalibration Calibration,
    bool CalibrationCached, TrainingThreshold Threshold, SyscallNames? Names, string? Input = null)
{
    public string NameOf(int syscall) => Names?.NameOf(syscall) ?? syscall.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One output format of `score` (table, JSON lines): prints results as they arrive, flushed at once.</summary>
public interface IScoreOutput : IScoreSink
{
    void Start(ScoreHeader header);

    /// <summary>A problem that does not stop scoring (unknown numbering, skipped lines).</summary>
    void Warning(string message);

    void Finish(StreamScorer scorer);
}
