using SyscallBench.Core.Results;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Export;

/// <summary>
/// An exporter that can also use the traces themselves (the report's dataset overview). The runner
/// passes the dataset it loaded; without it (e.g. regenerating from saved files) the plain
/// <see cref="IResultExporter.Export"/> is used.
/// </summary>
public interface IDatasetAwareExporter : IResultExporter
{
    void Export(RunResult result, LabeledDataset dataset, string directory);
}
