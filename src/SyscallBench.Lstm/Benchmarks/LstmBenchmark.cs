using Stopwatch = System.Diagnostics.Stopwatch;
using SyscallBench.Core.Benchmarking;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Benchmarks;

/// <summary>
/// Times a bare TorchSharp loop (embedding -> LSTM -> linear, Adam, batch of lanes over one concatenated
/// stream of calls, chunks, no trace boundaries, no validation) against the <c>lstm</c> detector with the
/// same sizes on the same traces, alternating the two so machine load hits both alike.
/// </summary>
/// <remarks>
/// The bare loop is the speed of light for this model shape: it ignores trace boundaries (no state
/// resets, no padding), which the detector must honour. Dropout is off on both sides.
/// </remarks>
public static class LstmBenchmark
{
    /// <summary>The <c>lstm</c> type's offer of this comparison to `bench` (a detector capability).</summary>
    public static IReferenceLoopBenchmark Capability { get; } = new BareLoopCapability();

    /// <param name="trainTraces">Traces to train on (e.g. ADFA-LD Training_Data_Master).</param>
    /// <param name="scoreTraces">Traces to score (e.g. a slice of the test set).</param>
    /// <param name="options">Model shape and batching; defaults: embedding and hidden 200, batch 64, chunks of 100.</param>
    /// <param name="epochs">Training epochs timed per repeat.</param>
    /// <param name="repeats">Alternating repeats per side; the best of each is reported.</param>
    /// <param name="log">Receives one line per measurement.</param>
    /// <param name="seed">Seed of both sides.</param>
    public static ReferenceLoopResult Run(IReadOnlyList<Trace> trainTraces, IReadOnlyList<Trace> scoreTraces,
        LstmOptions? options = null, int epochs = 1, int repeats = 2, Action<string>? log = null, int seed = 1)
    {
        options ??= new LstmOptions();
        var detectorOptions = new LstmOptions
        {
            EmbeddingSize = options.EmbeddingSize,
            HiddenSize = options.HiddenSize,
            Layers = options.Layers,
            Dropout = 0,
            BatchSize = options.BatchSize,
            ChunkLength = options.ChunkLength,
            LearningRate = options.LearningRate,
            GradientClip = options.GradientClip,
            MaxEpochs = epochs,
            Patience = epochs,
            ValidationFraction = 0,
            ScoreBatchSize = options.ScoreBatchSize,
            Device = LstmDevice.Cpu,
            Threads = options.Threads,
        };
        return BareLoopComparison.Run(trainTraces, scoreTraces, epochs, repeats, log,
            (trainStream, scoreStream, classes) => BareLoop(trainStream, scoreStream, classes, detectorOptions, epochs, seed),
            () => new LstmDetector("bench", detectorOptions).FitLstm(trainTraces, new FitContext(seed)));
    }

    /// <summary>Training then forward-only throughput of the bare loop, in calls per second.</summary>
    private static (double Train, double Score) BareLoop(long[] trainStream, long[] scoreStream, int classes,
        LstmOptions options, int epochs, int seed)
    {
        using (TorchGate.Seeded(options.Threads))
        {
            // A seeded pass: the bare loop seeds libtorch's generator, and the thread count it sets is
            // process-wide (setting it while another thread trains changes how that training splits its sums).
            torch.manual_seed(seed);
            using var embedding = nn.Embedding(classes, options.EmbeddingSize);
            using var lstm = nn.LSTM(options.EmbeddingSize, options.HiddenSize, options.Layers, batchFirst: true);
            using var head = nn.Linear(options.HiddenSize, classes);
            var parameters = embedding.parameters().Concat(lstm.parameters()).Concat(head.parameters()).ToArray();
            using var optimizer = optim.Adam(parameters, options.LearningRate);

            var clock = Stopwatch.StartNew();
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                ForEachChunk(trainStream, options.BatchSize, options.ChunkLength, (inputs, targets, lanes, width, state) =>
                {
                    var (output, h, c) = lstm.call(embedding.call(inputs), state);
                    var loss = nn.functional.cross_entropy(head.call(output).reshape(-1, classes), targets.reshape(-1));
                    optimizer.zero_grad();
                    loss.backward();
                    nn.utils.clip_grad_norm_(parameters, options.GradientClip);
                    optimizer.step();
                    return (h.detach(), c.detach());
                });
            }

            var train = trainStream.Length * (double)epochs / clock.Elapsed.TotalSeconds;

            clock.Restart();
            using (torch.no_grad())
            {
                ForEachChunk(scoreStream, options.ScoreBatchSize, options.ChunkLength, (inputs, targets, lanes, width, state) =>
                {
                    var (output, h, c) = lstm.call(embedding.call(inputs), state);
                    var logProbabilities = head.call(output).log_softmax(-1);
                    var surprisal = logProbabilities.gather(-1, targets.unsqueeze(-1)).neg();
                    _ = surprisal.data<float>().ToArray();
                    return (h, c);
                });
            }

            return (train, scoreStream.Length / clock.Elapsed.TotalSeconds);
        }
    }

    private delegate (Tensor H, Tensor C) ChunkStep(Tensor inputs, Tensor targets, int lanes, int width, (Tensor, Tensor)? state);

    /// <summary>Cuts the stream into <paramref name="lanes"/> contiguous lanes and walks them chunk by chunk.</summary>
    private static void ForEachChunk(long[] stream, int lanes, int chunkLength, ChunkStep step)
    {
        var laneLength = (stream.Length - 1) / lanes;
        Tensor? h = null, c = null;
        for (var start = 0; start < laneLength; start += chunkLength)
        {
            var width = Math.Min(chunkLength, laneLength - start);
            var inputs = new long[lanes * width];
            var targets = new long[lanes * width];
            for (var lane = 0; lane < lanes; lane++)
            {
                Array.Copy(stream, lane * laneLength + start, inputs, lane * width, width);
                Array.Copy(stream, lane * laneLength + start + 1, targets, lane * width, width);
            }

            using var scope = torch.NewDisposeScope();
            var state = h is null ? ((Tensor, Tensor)?)null : (h, c!);
            var (newH, newC) = step(torch.tensor(inputs, [lanes, width]), torch.tensor(targets, [lanes, width]), lanes, width, state);
            h?.Dispose();
            c?.Dispose();
            h = newH.MoveToOuterDisposeScope();
            c = newC.MoveToOuterDisposeScope();
        }

        h?.Dispose();
        c?.Dispose();
    }

    private sealed class BareLoopCapability : IReferenceLoopBenchmark
    {
        public string Reference => "bare TorchSharp loop";

        public ReferenceLoopResult Run(IOptions options, ReferenceLoopRequest request) =>
            LstmBenchmark.Run(request.Train, request.Test, (LstmOptions)options, epochs: 1, request.Repeats, request.Log, request.Seed);
    }
}
