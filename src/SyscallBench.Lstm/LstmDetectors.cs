using SyscallBench.Core.Detection;
using SyscallBench.Lstm.Benchmarks;
using SyscallBench.Lstm.Transformer;

namespace SyscallBench.Lstm;

/// <summary>The TorchSharp project's registry lines (lstm, transformer); the CLI composes them with the others.</summary>
public static class LstmDetectors
{
    public static IReadOnlyList<DetectorDescriptor> Descriptors { get; } =
    [
        DetectorDescriptor.Create<LstmOptions>(
            LstmDetector.TypeName,
            "LSTM next-syscall language model; trace score = surprisal (mean_nll: Kim et al. 2016; topk_miss_rate: DeepLog, Du et al. 2017).",
            (name, options) => new LstmDetector(name, options),
            FittedLstmDetector.Load,
            // libtorch's one intra-op thread pool spans the machine: running beside other units would oversubscribe it.
            DetectorTraits.UsesAllCores | DetectorTraits.LanguageModel,
            capabilities: [LstmBenchmark.Capability]),
        DetectorDescriptor.Create<TransformerOptions>(
            TransformerDetector.TypeName,
            "Causal transformer next-syscall language model; trace score = surprisal, as for the lstm (Vaswani et al. 2017).",
            (name, options) => new TransformerDetector(name, options),
            FittedTransformerDetector.Load,
            DetectorTraits.UsesAllCores | DetectorTraits.LanguageModel,
            capabilities: [TransformerBenchmark.Capability]),
    ];
}
