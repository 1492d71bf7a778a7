using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>
/// manifest.json: everything needed to say where a number came from (see <see cref="RunManifest"/>): tool
/// version and git commit, dataset hash and counts, seeds, runtime and package versions, machine, and timings.
/// </summary>
public sealed class ManifestExporter : IResultExporter
{
    public string Name => RunFolder.ManifestFileName;

    public void Export(RunResult result, string directory) => new RunFolder(directory).WriteManifest(RunManifest.Of(result));
}
