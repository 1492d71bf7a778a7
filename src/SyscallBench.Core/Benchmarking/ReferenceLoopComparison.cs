using SyscallBench.Core.Config;

namespace SyscallBench.Core.Benchmarking;

/// <summary>One detector of an experiment (its name and type) compared with its reference loop on one dataset.</summary>
public sealed record ReferenceLoopComparison(string Dataset, string Detector, string Type, string Reference, ReferenceLoopResult Result);

/// <summary>
/// `bench --lstm-loop`: every detector of an experiment that offers a reference loop
/// (<see cref="IReferenceLoopBenchmark"/>), on each of its datasets, with the experiment's first seed.
/// </summary>
public static class ReferenceLoops
{
    /// <summary>The detectors that offer a reference loop, in config order.</summary>
    public static IReadOnlyList<DetectorSpec> Offered(ExperimentConfig config) =>
        config.Detectors.Where(d => d.Descriptor.Capability<IReferenceLoopBenchmark>() is not null).ToArray();

    /// <param name="config">The experiment.</param>
    /// <param name="repeats">Alternating repeats per side.</param>
    /// <param name="log">Receives one line per measurement.</param>
    /// <param name="compared">Receives each dataset's comparisons as soon as they are measured.</param>
    public static void Run(ExperimentConfig config, int repeats, Action<string>? log, Action<string, IReadOnlyList<ReferenceLoopComparison>> compared)
    {
        var offered = Offered(config);
        if (offered.Count == 0)
        {
            return;
        }

        foreach (var datasetSpec in config.Datasets)
        {
            var dataset = config.LoadDataset(datasetSpec);
            var request = new ReferenceLoopRequest(dataset.Train, dataset.Test, config.Seeds[0], repeats, log);
            compared(datasetSpec.Name, offered.Select(spec =>
            {
                var loop = spec.Descriptor.Capability<IReferenceLoopBenchmark>()!;
                return new ReferenceLoopComparison(datasetSpec.Name, spec.Name, spec.Type, loop.Reference, loop.Run(spec.Options, request));
            }).ToArray());
        }
    }
}
