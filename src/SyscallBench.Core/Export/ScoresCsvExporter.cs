using Microsoft.Data.Analysis;
using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>scores.csv: one row per split, detector, seed and test trace: trace id, label, family, score.</summary>
public sealed class ScoresCsvExporter : IResultExporter
{
    public string Name => "scores.csv";

    public void Export(RunResult result, string directory)
    {
        var rows = result.Detectors.SelectMany(r => r.Scores.Select(s => (Result: r, Score: s))).ToArray();
        var frame = new DataFrame(
            new StringDataFrameColumn("trace", rows.Select(r => r.Score.TraceId)),
            new StringDataFrameColumn("label", rows.Select(r => r.Score.Label.ToString().ToLowerInvariant())),
            new StringDataFrameColumn("family", rows.Select(r => r.Score.Family ?? "")),
            new StringDataFrameColumn("split", rows.Select(r => r.Result.Split)),
            new StringDataFrameColumn("detector", rows.Select(r => r.Result.Detector)),
            new Int32DataFrameColumn("seed", rows.Select(r => r.Result.Seed)),
            new DoubleDataFrameColumn("score", rows.Select(r => r.Score.Score)));
        CsvFile.Save(frame, Path.Combine(directory, "scores.csv"));
    }
}
