using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>
/// metrics.csv (detector x seed x metric, with CIs), family_metrics.csv (detector x family), when normal
/// traces name their kind of work normal_family_metrics.csv (false alarms per normal family) and, with
/// several seeds or re-splits, seed_summary.csv (detector x metric, mean and standard deviation over them); with
/// several detectors, comparisons.csv (paired tests of every pair's ROC AUC difference, see <see cref="DetectorComparisons"/>).
/// </summary>
public sealed class MetricsCsvExporter : IResultExporter
{
    public string Name => RunFolder.MetricsCsvFileName;

    public void Export(RunResult result, string directory)
    {
        var folder = new RunFolder(directory);
        CsvFile.Save(MetricsTable.Build(result), folder.MetricsCsv);
        CsvFile.Save(MetricsTable.BuildFamilies(result), folder.FamilyMetrics);
        if (result.Detectors.Any(r => r.Evaluation.NormalFamilies.Count > 0))
        {
            CsvFile.Save(MetricsTable.BuildNormalFamilies(result), folder.NormalFamilyMetrics);
        }
        if (result.HasRepeats)
        {
            CsvFile.Save(MetricsTable.BuildSeedSummary(result), folder.SeedSummary);
        }

        var comparisons = result.Summary.Comparisons;
        if (comparisons.Count > 0)
        {
            CsvFile.Save(MetricsTable.BuildComparisons(comparisons), folder.Comparisons);
        }
    }
}
