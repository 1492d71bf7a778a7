using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Benchmarking;

/// <summary>
/// A detector capability (<see cref="Detection.DetectorDescriptor.Capability{T}"/>): timing the detector beside a
/// bare reference loop of the same computation on the same traces (for the LSTM: embedding, LSTM and linear
/// layers in plain TorchSharp, no trace boundaries), so its overhead shows as a ratio measured under the
/// same machine load. `bench --lstm-loop` runs it for every detector that offers it.
/// </summary>
public interface IReferenceLoopBenchmark
{
    /// <summary>What the detector is compared with, for the table's title ("bare TorchSharp loop").</summary>
    string Reference { get; }

    /// <param name="options">The detector's options (its registered options type).</param>
    /// <param name="request">The traces, seed, repeats and log.</param>
    ReferenceLoopResult Run(IOptions options, ReferenceLoopRequest request);
}

/// <summary>What a reference-loop comparison runs on.</summary>
/// <param name="Train">Traces both sides train on (one epoch).</param>
/// <param name="Test">Traces both sides score.</param>
/// <param name="Seed">Seed of both sides.</param>
/// <param name="Repeats">Alternating repeats per side; the best of each is reported.</param>
/// <param name="Log">Receives one line per measurement.</param>
public sealed record ReferenceLoopRequest(IReadOnlyList<Trace> Train, IReadOnlyList<Trace> Test, int Seed, int Repeats, Action<string>? Log = null);

/// <summary>Throughputs of the reference loop and of the detector, measured side by side (best repeat of each).</summary>
public sealed record ReferenceLoopResult(
    long TrainCalls,
    long ScoreCalls,
    double ReferenceTrainSyscallsPerSecond,
    double DetectorTrainSyscallsPerSecond,
    double ReferenceScoreSyscallsPerSecond,
    double DetectorScoreSyscallsPerSecond)
{
    /// <summary>Detector / reference training throughput.</summary>
    public double TrainRatio => DetectorTrainSyscallsPerSecond / ReferenceTrainSyscallsPerSecond;

    /// <summary>Detector / reference scoring throughput.</summary>
    public double ScoreRatio => DetectorScoreSyscallsPerSecond / ReferenceScoreSyscallsPerSecond;
}
