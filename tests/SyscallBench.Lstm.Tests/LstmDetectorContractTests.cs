using SyscallBench.Core.Detection;
using SyscallBench.Lstm.Transformer;
using SyscallBench.TestSupport.Detection;

namespace SyscallBench.Lstm.Tests;

/// <summary>The LSTM project's detectors (lstm, transformer) under the shared contract, small enough to fit in seconds.</summary>
public sealed class LstmContractSubjects : IDetectorContractSubjects
{
    public static DetectorRegistry Registry { get; } = new(LstmDetectors.Descriptors);

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FastOptions { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            [LstmDetector.TypeName] = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["embedding_size"] = "16", ["hidden_size"] = "32", ["max_epochs"] = "20", ["dropout"] = "0", ["threads"] = "1",
            },
            [TransformerDetector.TypeName] = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["embedding_size"] = "16", ["heads"] = "2", ["layers"] = "1", ["feed_forward_size"] = "32", ["chunk_length"] = "16",
                ["learning_rate"] = "0.01", ["max_epochs"] = "20", ["dropout"] = "0", ["threads"] = "1",
            },
        };
}

public sealed class LstmDetectorContractTests(DetectorContractFixture<LstmContractSubjects> fixture) : DetectorContractTests<LstmContractSubjects>(fixture);
