using SyscallBench.Core.Results;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Export;

/// <summary>Runs every exporter over a result; one failing never loses the others' files.</summary>
public static class RunExport
{
    /// <param name="exporters">The writers.</param>
    /// <param name="result">What they write.</param>
    /// <param name="dataset">The traces, for exporters that use them (<see cref="IDatasetAwareExporter"/>); null when not loaded.</param>
    /// <param name="directory">The run folder.</param>
    /// <returns>The failures, "exporter: exception: message".</returns>
    public static IReadOnlyList<string> Write(IReadOnlyList<IResultExporter> exporters, RunResult result, LabeledDataset? dataset, string directory)
    {
        var failures = new List<string>();
        foreach (var exporter in exporters)
        {
            try
            {
                if (exporter is IDatasetAwareExporter datasetAware && dataset is not null)
                {
                    datasetAware.Export(result, dataset, directory);
                }
                else
                {
                    exporter.Export(result, directory);
                }
            }
            catch (Exception e)
            {
                // Not swallowed: the CLI prints every failure and exits non-zero. Catching everything
                // here is what keeps one broken exporter from losing the other files of a long run.
                failures.Add($"{exporter.Name}: {e.GetType().Name}: {e.Message}");
            }
        }

        return failures;
    }
}
