using SyscallBench.Core.Benchmarking;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Native;
using SyscallBench.Lstm.Transformer;
using TorchSharp;
using Stopwatch = System.Diagnostics.Stopwatch;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Benchmarks;

/// <summary>
/// Times a bare TorchSharp loop of the transformer's shape against the <c>transformer</c> detector with the
/// same sizes on the same traces, alternating the two so machine load hits both alike (as
/// <see cref="LstmBenchmark"/> does for the lstm; same result type).
/// </summary>
/// <remarks>
/// The bare loop is the speed of light for this model shape: the same embedding, positional embedding,
/// <see cref="TransformerBlock"/>s, norm and head, Adam and clipping, over one concatenated stream of calls
/// cut into contiguous lanes, each chunk run as a window of the previous chunk and its own under one fixed
/// causal mask. It ignores trace boundaries (no per-trace masks, no chunk plan, no padding) and scores the
/// stream in packed lanes, which the detector must not do (it reads each trace from a chunk start).
/// Dropout is off on both sides.
/// </remarks>
public static class TransformerBenchmark
{
    /// <summary>The <c>transformer</c> type's offer of this comparison to `bench` (a detector capability).</summary>
    public static IReferenceLoopBenchmark Capability { get; } = new BareLoopCapability();

    /// <param name="trainTraces">Traces to train on (e.g. ADFA-LD Training_Data_Master).</param>
    /// <param name="scoreTraces">Traces to score (e.g. the test set).</param>
    /// <param name="options">Model shape and batching.</param>
    /// <param name="epochs">Training epochs timed per repeat.</param>
    /// <param name="repeats">Alternating repeats per side; the best of each is reported.</param>
    /// <param name="log">Receives one line per measurement.</param>
    /// <param name="seed">Seed of both sides.</param>
    public static ReferenceLoopResult Run(IReadOnlyList<Trace> trainTraces, IReadOnlyList<Trace> scoreTraces,
        TransformerOptions? options = null, int epochs = 1, int repeats = 2, Action<string>? log = null, int seed = 1)
    {
        options ??= new TransformerOptions();
        var detectorOptions = new TransformerOptions
        {
            EmbeddingSize = options.EmbeddingSize,
            Heads = options.Heads,
            Layers = options.Layers,
            FeedForwardSize = options.FeedForwardSize,
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
            () => new TransformerDetector("bench", detectorOptions).FitTransformer(trainTraces, new FitContext(seed)));
    }

    /// <summary>Training then forward-only throughput of the bare loop, in calls per second.</summary>
    private static (double Train, double Score) BareLoop(long[] trainStream, long[] scoreStream, int classes,
        TransformerOptions options, int epochs, int seed)
    {
        using (TorchGate.Seeded(options.Threads))
        {
            torch.manual_seed(seed);
            var context = options.ChunkLength;
            using var embedding = nn.Embedding(classes + 1, options.EmbeddingSize);
            using var position = nn.Embedding(2 * context, options.EmbeddingSize);
            var blocks = Enumerable.Range(0, options.Layers)
                .Select(_ => new TransformerBlock(options.EmbeddingSize, options.Heads, options.FeedForwardSize, 0)).ToArray();
            using var norm = nn.LayerNorm(options.EmbeddingSize);
            using var head = nn.Linear(options.EmbeddingSize, classes);
            using var causal = torch.ones(2 * context, 2 * context, dtype: ScalarType.Bool).tril().unsqueeze(0).unsqueeze(0);
            using var positions = torch.arange(2 * context, dtype: ScalarType.Int64);
            var parameters = embedding.parameters().Concat(position.parameters()).Concat(blocks.SelectMany(b => b.parameters()))
                .Concat(norm.parameters()).Concat(head.parameters()).ToArray();
            using var optimizer = optim.Adam(parameters, options.LearningRate);

            Tensor Logits(Tensor window)
            {
                var x = embedding.call(window) + position.call(positions);
                foreach (var block in blocks)
                {
                    x = block.call(x, causal);
                }

                return head.call(norm.call(x)).narrow(1, context, context);
            }

            try
            {
                var clock = Stopwatch.StartNew();
                for (var epoch = 0; epoch < epochs; epoch++)
                {
                    ForEachWindow(trainStream, options.BatchSize, context, classes, (window, targets) =>
                    {
                        var loss = nn.functional.cross_entropy(Logits(window).reshape(-1, classes), targets.reshape(-1));
                        optimizer.zero_grad();
                        loss.backward();
                        nn.utils.clip_grad_norm_(parameters, options.GradientClip);
                        optimizer.step();
                    });
                }

                var train = trainStream.Length * (double)epochs / clock.Elapsed.TotalSeconds;

                clock.Restart();
                using (torch.no_grad())
                {
                    ForEachWindow(scoreStream, options.ScoreBatchSize, context, classes, (window, targets) =>
                    {
                        var surprisal = Logits(window).log_softmax(-1).gather(-1, targets.unsqueeze(-1)).neg();
                        _ = surprisal.data<float>().ToArray();
                    });
                }

                return (train, scoreStream.Length / clock.Elapsed.TotalSeconds);
            }
            finally
            {
                foreach (var block in blocks)
                {
                    block.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// Cuts the stream into <paramref name="lanes"/> contiguous lanes and walks them in full chunks of
    /// <paramref name="context"/> calls, each as a window [previous chunk, chunk] (the first with start tokens before it).
    /// </summary>
    private static void ForEachWindow(long[] stream, int lanes, int context, long startToken, Action<Tensor, Tensor> step)
    {
        var laneLength = (stream.Length - 1) / lanes;
        lanes = laneLength < context ? Math.Max(1, (stream.Length - 1) / context) : lanes;
        laneLength = (stream.Length - 1) / lanes;
        for (var start = 0; start + context <= laneLength; start += context)
        {
            var window = new long[lanes * 2 * context];
            var targets = new long[lanes * context];
            for (var lane = 0; lane < lanes; lane++)
            {
                var from = lane * laneLength + start;
                if (start == 0)
                {
                    Array.Fill(window, startToken, lane * 2 * context, context);
                }
                else
                {
                    Array.Copy(stream, from - context, window, lane * 2 * context, context);
                }

                Array.Copy(stream, from, window, (lane * 2 * context) + context, context);
                Array.Copy(stream, from + 1, targets, lane * context, context);
            }

            using var scope = torch.NewDisposeScope();
            step(torch.tensor(window, [lanes, 2 * context]), torch.tensor(targets, [lanes, context]));
        }
    }

    private sealed class BareLoopCapability : IReferenceLoopBenchmark
    {
        public string Reference => "bare TorchSharp loop";

        public ReferenceLoopResult Run(IOptions options, ReferenceLoopRequest request) =>
            TransformerBenchmark.Run(request.Train, request.Test, (TransformerOptions)options, epochs: 1, request.Repeats, request.Log, request.Seed);
    }
}
