using SyscallBench.Core.Results;

namespace SyscallBench.Core.Export;

/// <summary>probes.json: every probe result of every detector and seed; written only when a probe ran.</summary>
public sealed class ProbesJsonExporter : IResultExporter
{
    public string Name => RunFolder.ProbesFileName;

    public void Export(RunResult result, string directory)
    {
        var probes = result.Detectors
            .SelectMany(r => r.Probes.Select(p => new { detector = r.Detector, seed = r.Seed, split = r.Split, result = (object)p }))
            .ToArray();
        if (probes.Length > 0)
        {
            JsonFile.Save(new { experiment = result.Config.Name, run_id = result.RunId, probes }, new RunFolder(directory).Probes);
        }
    }
}
