using Microsoft.Data.Analysis;
using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>
/// learning_curve.csv, with a <c>learning_curve:</c> section: ROC AUC (with CI) and average precision
/// against the number of training traces, one row per detector, seed and point. The full training set of
/// each base split is included as the curve's last point.
/// </summary>
public sealed class LearningCurveCsvExporter : IResultExporter
{
    public string Name => RunFolder.LearningCurveFileName;

    public void Export(RunResult result, string directory)
    {
        var rows = result.Summary.LearningCurve;
        if (rows.Count == 0)
        {
            return;
        }

        var frame = new DataFrame(
            new StringDataFrameColumn("base_split", rows.Select(r => r.BaseSplit)),
            new StringDataFrameColumn("split", rows.Select(r => r.Result.Split)),
            new Int32DataFrameColumn("train_traces", rows.Select(r => r.TrainTraces)),
            new StringDataFrameColumn("detector", rows.Select(r => r.Result.Detector)),
            new Int32DataFrameColumn("seed", rows.Select(r => r.Result.Seed)),
            new DoubleDataFrameColumn("roc_auc", rows.Select(r => r.Result.Evaluation.RocAuc)),
            new DoubleDataFrameColumn("roc_auc_ci_low", rows.Select(r => r.Result.Evaluation.RocAucCi?.Lower)),
            new DoubleDataFrameColumn("roc_auc_ci_high", rows.Select(r => r.Result.Evaluation.RocAucCi?.Upper)),
            new DoubleDataFrameColumn("average_precision", rows.Select(r => r.Result.Evaluation.AveragePrecision)));
        CsvFile.Save(frame, new RunFolder(directory).LearningCurve);
    }
}
