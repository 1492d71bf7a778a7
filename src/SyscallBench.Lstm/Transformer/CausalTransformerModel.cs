using SyscallBench.Lstm.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Transformer;

/// <summary>
/// Syscall embedding plus a learned positional embedding -> pre-norm transformer layers under a causal,
/// per-trace attention mask -> final layer norm -> linear head over the vocabulary: the <c>transformer</c>
/// detector's language model.
/// </summary>
/// <remarks>
/// <para>Chunks of C calls are read in order, as for the LSTM; what is carried to the next chunk is the
/// chunk's input tokens with their trace labels. Each chunk is run as one window of 2C positions, the carried
/// tokens then its own, so a call sees between C and 2C-1 earlier calls (fewer at a trace's start), in
/// training and scoring alike; the carried part is recomputed, not cached (no gradient reaches it).
/// Positions are the index in that window (0..2C-1). Filler (no carried chunk yet, or padding after a short
/// last chunk) is a label no call has; a position always attends to itself, so no attention row is empty.</para>
/// <para>A query at window position q may attend to key position s when s ≤ q and both belong to the same
/// trace: traces packed back to back in a lane, or following each other across chunks, never see each
/// other. Trace labels count the trace starts in a lane; the carried ones are shifted so the last carried
/// position is 0, which is also the label of the chunk's positions before its lane's first reset.</para>
/// </remarks>
internal sealed class CausalTransformerModel : CallLanguageModel
{
#pragma warning disable IDE1006 // State-dict key names.
    private readonly Embedding embedding;
    private readonly Embedding position;
    private readonly ModuleList<TransformerBlock> blocks;
    private readonly LayerNorm final_norm;
    private readonly Dropout dropout;
    private readonly Linear head;
#pragma warning restore IDE1006

    /// <summary>The trace label of filler positions: equal to no real label, so nothing attends to them.</summary>
    private const long Filler = long.MinValue / 2;

    private readonly int _context;

    public CausalTransformerModel(int vocabularyCount, TransformerOptions options)
        : base(nameof(CausalTransformerModel), vocabularyCount)
    {
        _context = options.ChunkLength;
        embedding = nn.Embedding(vocabularyCount + 1, options.EmbeddingSize);
        position = nn.Embedding(2 * options.ChunkLength, options.EmbeddingSize);
        blocks = nn.ModuleList(Enumerable.Range(0, options.Layers)
            .Select(_ => new TransformerBlock(options.EmbeddingSize, options.Heads, options.FeedForwardSize, options.Dropout)).ToArray());
        final_norm = nn.LayerNorm(options.EmbeddingSize);
        dropout = nn.Dropout(options.Dropout);
        head = nn.Linear(options.EmbeddingSize, vocabularyCount);
        RegisterComponents();
    }

    /// <summary>Positions are window indices and the context a chunk boundary leaves depends on the trace's start.</summary>
    public override bool ReadsTracesFromChunkStart => true;

    public override (Tensor Logits, ModelState State) Forward(Tensor tokens, ModelState? state, IReadOnlyList<(int Offset, float[] Keep)> resets)
    {
        var lanes = (int)tokens.shape[0];
        var width = (int)tokens.shape[1];
        if (width > _context)
        {
            throw new ArgumentException($"A chunk of {width} calls is longer than the model's {_context}.", nameof(tokens));
        }

        // Every window has the same shape, [lanes, 2C]: a missing carried part is filler no call may attend
        // to, and a short last chunk is padded after its calls (future positions, masked). libtorch's kernels
        // then see the same shapes whatever traces share the batch, so a trace's scores do not depend on them.
        var device = tokens.device;
        var labels = torch.tensor(TraceLabels(resets, lanes, width, _context), [lanes, _context], device: device);
        var current = width == _context ? tokens
            : torch.cat([tokens, torch.full(lanes, _context - width, StartToken, dtype: ScalarType.Int64, device: device)], 1);
        var carried = (ContextState?)state;
        var carriedTokens = carried?.Tokens ?? torch.full(lanes, _context, StartToken, dtype: ScalarType.Int64, device: device);
        var carriedLabels = carried?.Labels ?? torch.full(lanes, _context, Filler, dtype: ScalarType.Int64, device: device);
        var windowTokens = torch.cat([carriedTokens, current], 1);
        var windowLabels = torch.cat([carriedLabels, labels], 1);

        var logits = Run(windowTokens, windowLabels).narrow(1, _context, width);

        // The next chunk carries this one's calls; its labels shifted so the last real call's is 0.
        var lastLabel = labels.narrow(1, width - 1, 1);
        return (logits, new ContextState(current, labels - lastLabel));
    }

    /// <summary>Chunk by chunk, as scoring reads a trace, so the last call gets the context it gets there.</summary>
    public override Tensor LastLogits(Tensor tokens)
    {
        var length = (int)tokens.shape[1];
        ModelState? state = null;
        Tensor? last = null;
        for (var from = 0; from < length; from += _context)
        {
            var chunk = tokens.narrow(1, from, Math.Min(_context, length - from));
            var (logits, next) = Forward(chunk, state, []);
            state = next;
            last = logits[0, -1];
        }

        return last!;
    }

    /// <summary>Logits of every window position.</summary>
    private Tensor Run(Tensor windowTokens, Tensor windowLabels)
    {
        var time = windowTokens.shape[1];
        var positions = torch.arange(time, dtype: ScalarType.Int64, device: windowTokens.device);
        var x = dropout.call(embedding.call(windowTokens) + position.call(positions));
        var causal = torch.ones(time, time, dtype: ScalarType.Bool, device: windowTokens.device).tril();
        var sameTrace = windowLabels.unsqueeze(2).eq(windowLabels.unsqueeze(1));
        var mayAttend = sameTrace.logical_and(causal).unsqueeze(1);
        foreach (var block in blocks)
        {
            x = block.call(x, mayAttend);
        }

        return head.call(final_norm.call(x));
    }

    /// <summary>
    /// Per lane and time, how many traces have started in the lane by then within this chunk; positions from
    /// <paramref name="width"/> to <paramref name="context"/> (padding) are filler.
    /// </summary>
    private static long[] TraceLabels(IReadOnlyList<(int Offset, float[] Keep)> resets, int lanes, int width, int context)
    {
        var labels = new long[lanes * context];
        foreach (var (offset, keep) in resets)
        {
            for (var lane = 0; lane < lanes; lane++)
            {
                if (keep[lane] == 0f)
                {
                    labels[lane * context + offset]++;
                }
            }
        }

        for (var lane = 0; lane < lanes; lane++)
        {
            var row = labels.AsSpan(lane * context, context);
            for (var t = 1; t < width; t++)
            {
                row[t] += row[t - 1];
            }

            row[width..].Fill(Filler);
        }

        return labels;
    }

    /// <summary>The last chunk's input tokens [lanes, ≤C] and trace labels (the last one 0).</summary>
    private sealed class ContextState(Tensor tokens, Tensor labels) : ModelState
    {
        public Tensor Tokens { get; } = tokens;

        public Tensor Labels { get; } = labels;

        public override ModelState ForLanes(int lanes) =>
            Tokens.shape[0] == lanes ? this : new ContextState(Tokens.narrow(0, 0, lanes), Labels.narrow(0, 0, lanes));

        public override ModelState Keep() => new ContextState(Tokens.MoveToOuterDisposeScope(), Labels.MoveToOuterDisposeScope());

        public override void Dispose()
        {
            Tokens.Dispose();
            Labels.Dispose();
        }
    }
}
