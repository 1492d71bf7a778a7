using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>
/// Writes one kind of output of a run. Exporters only read the immutable <see cref="RunResult"/>: they
/// never recompute a metric or a threshold, so every file shows the same numbers.
/// </summary>
public interface IResultExporter
{
    string Name { get; }

    /// <summary>Writes into <paramref name="directory"/> (the run folder), atomically per file.</summary>
    void Export(RunResult result, string directory);
}
