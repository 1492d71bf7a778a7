namespace SyscallBench.Core.Experiments.Export;

/// <summary>
/// metrics.csv (detector x seed x metric, with CIs), family_metrics.csv (detector x family) and, with
/// several seeds, seed_summary.csv (detector x metric, mean and standard deviation over seeds).
/// </summary>
public sealed class MetricsCsvExporter : IResultExporter
{
    public string Name => "metrics.csv";

    public void Export(RunResult result, string directory)
    {
        CsvFile.Save(MetricsTable.Build(result), Path.Combine(directory, "metrics.csv"));
        CsvFile.Save(MetricsTable.BuildFamilies(result), Path.Combine(directory, "family_metrics.csv"));
        if (result.Config.Seeds.Count > 1)
        {
            CsvFile.Save(MetricsTable.BuildSeedSummary(result), Path.Combine(directory, "seed_summary.csv"));
        }
    }
}
