namespace SyscallBench.Core.Experiments.Export;

/// <summary>metrics.csv (detector x metric, with CIs) and family_metrics.csv (detector x family).</summary>
public sealed class MetricsCsvExporter : IResultExporter
{
    public string Name => "metrics.csv";

    public void Export(RunResult result, string directory)
    {
        CsvFile.Save(MetricsTable.Build(result), Path.Combine(directory, "metrics.csv"));
        CsvFile.Save(MetricsTable.BuildFamilies(result), Path.Combine(directory, "family_metrics.csv"));
    }
}
