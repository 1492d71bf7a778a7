using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>
/// splits/&lt;name&gt;.json: each split's manifest: protocol, trace ids of both sides, their content hashes,
/// and the leakage check (test traces identical to a training trace: count and examples).
/// </summary>
public sealed class SplitsExporter : IResultExporter
{
    public string Name => RunFolder.SplitsFolderName + "/";

    public void Export(RunResult result, string directory)
    {
        var folder = new RunFolder(directory);
        foreach (var split in result.Splits)
        {
            folder.WriteSplit(split);
        }
    }
}
