using SyscallBench.Core.Detection;
using SyscallBench.TestSupport.Detection;

namespace SyscallBench.Cli.Tests;

/// <summary>
/// Every detector the CLI registers (Core, ML.NET and LSTM), for the checks that must hold for all of them at
/// once, such as tampered or fuzzed model files; a newly registered detector is covered without touching them.
/// </summary>
public sealed class AllDetectorsContractSubjects : IDetectorContractSubjects
{
    public static DetectorRegistry Registry => DetectorCatalog.Detectors;

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FastOptions { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            ["lstm"] = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["embedding_size"] = "16", ["hidden_size"] = "32", ["max_epochs"] = "20", ["dropout"] = "0", ["threads"] = "1",
            },
            ["transformer"] = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["embedding_size"] = "16", ["heads"] = "2", ["layers"] = "1", ["feed_forward_size"] = "32", ["chunk_length"] = "16",
                ["learning_rate"] = "0.01", ["max_epochs"] = "20", ["dropout"] = "0", ["threads"] = "1",
            },
            // Members are detector names; here every type's shared model goes by its type name.
            ["ensemble"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["members"] = "[stide, ngram]" },
        };

    /// <summary>Every registered type, as theory data.</summary>
    public static TheoryData<string> Types => new(Registry.Types);
}
