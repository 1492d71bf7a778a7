using System.Globalization;
using Microsoft.Data.Analysis;
using SyscallBench.Core.Probes.Generalization;
using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>
/// generalization.csv: one row per detector, seed and held-out run, from the <see cref="GeneralizationProbe"/>
/// results; written only when that probe ran. Prediction columns are empty for detectors that predict nothing.
/// </summary>
public sealed class GeneralizationCsvExporter : IResultExporter
{
    public string Name => RunFolder.GeneralizationFileName;

    public void Export(RunResult result, string directory)
    {
        var rows = Rows(result);
        if (rows.Count == 0)
        {
            return;
        }

        var frame = new DataFrame(
            new StringDataFrameColumn("detector", rows.Select(r => r.Result.Detector)),
            new StringDataFrameColumn("type", rows.Select(r => r.Result.Type)),
            new Int32DataFrameColumn("seed", rows.Select(r => r.Result.Seed)),
            new StringDataFrameColumn("run", rows.Select(r => r.Run.Run)),
            new Int32DataFrameColumn("successor", rows.Select(r => r.Run.Successor)),
            new DoubleDataFrameColumn("score", rows.Select(r => r.Run.Score)),
            new DoubleDataFrameColumn("train_threshold", rows.Select(r => r.Probe.Threshold.Value)),
            new DoubleDataFrameColumn("train_false_alarm_rate", rows.Select(r => r.Probe.Threshold.AchievedFalseAlarmRate)),
            new StringDataFrameColumn("scored_normal", rows.Select(r => Bool(r.Run.ScoredNormal))),
            new Int32DataFrameColumn("wrong_successors", rows.Select(r => r.Run.WrongSuccessors.Count)),
            new Int32DataFrameColumn("wrong_successors_flagged", rows.Select(r => r.Run.WrongSuccessorsFlagged)),
            new Int32DataFrameColumn("wrong_successors_scored_above", rows.Select(r => r.Run.WrongSuccessorsScoredAbove)),
            new StringDataFrameColumn("p_successor", rows.Select(r => Number(r.Run.Prediction?.Probability))),
            new StringDataFrameColumn("successor_rank", rows.Select(r => r.Run.Prediction?.Rank.ToString(CultureInfo.InvariantCulture) ?? "")),
            new StringDataFrameColumn("successor_is_top", rows.Select(r => r.Run.Prediction is { } p ? Bool(p.IsTop) : "")),
            new StringDataFrameColumn("top_prediction", rows.Select(r => r.Run.Prediction is { } p ? p.Top?.ToString(CultureInfo.InvariantCulture) ?? "unknown" : "")),
            new StringDataFrameColumn("p_top", rows.Select(r => Number(r.Run.Prediction?.TopProbability))));
        CsvFile.Save(frame, new RunFolder(directory).Generalization);
    }

    /// <summary>Every (detector result, probe result, held-out run) of the generalization probe, in run order.</summary>
    public static IReadOnlyList<(DetectorResult Result, GeneralizationProbeResult Probe, HeldOutRunFinding Run)> Rows(RunResult result) =>
        result.Detectors
            .SelectMany(r => r.Probes.OfType<GeneralizationProbeResult>().SelectMany(p => p.Runs.Select(run => (r, p, run))))
            .ToArray();

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
