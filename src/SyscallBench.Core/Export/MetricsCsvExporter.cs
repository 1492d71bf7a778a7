using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>
/// metrics.csv (detector x seed x metric, with CIs), family_metrics.csv (detector x family) and, with
/// several seeds or re-splits, seed_summary.csv (detector x metric, mean and standard deviation over them); with
/// several detectors, comparisons.csv (paired tests of every pair's ROC AUC difference, see <see cref="DetectorComparisons"/>).
/// </summary>
public sealed class MetricsCsvExporter : IResultExporter
{
    public string Name => "metrics.csv";

    public void Export(RunResult result, string directory)
    {
        CsvFile.Save(MetricsTable.Build(result), Path.Combine(directory, "metrics.csv"));
        CsvFile.Save(MetricsTable.BuildFamilies(result), Path.Combine(directory, "family_metrics.csv"));
        if (result.HasRepeats)
        {
            CsvFile.Save(MetricsTable.BuildSeedSummary(result), Path.Combine(directory, "seed_summary.csv"));
        }

        var comparisons = result.Summary.Comparisons;
        if (comparisons.Count > 0)
        {
            CsvFile.Save(MetricsTable.BuildComparisons(comparisons), Path.Combine(directory, "comparisons.csv"));
        }
    }
}
