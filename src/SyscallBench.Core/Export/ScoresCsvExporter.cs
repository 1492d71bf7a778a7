using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>scores.csv: one row per split, detector, seed and test trace: trace id, label, family, score (see <see cref="ScoresCsv"/>).</summary>
public sealed class ScoresCsvExporter : IResultExporter
{
    public string Name => RunFolder.ScoresFileName;

    public void Export(RunResult result, string directory) => CsvFile.Save(ScoresCsv.Build(result), new RunFolder(directory).Scores);
}
