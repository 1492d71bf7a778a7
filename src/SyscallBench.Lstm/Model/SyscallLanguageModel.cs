using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Model;

/// <summary>
/// Embedding -> LSTM -> linear head over the vocabulary: the <c>lstm</c> detector's language model.
/// </summary>
/// <remarks>
/// With input_encoding embedding_plus_value the tokens are packed (<see cref="InputTokens"/>) and the LSTM
/// also reads the scaled raw syscall number. Submodules are fields named like their state-dict keys.
/// </remarks>
internal sealed class SyscallLanguageModel : CallLanguageModel
{
#pragma warning disable IDE1006 // State-dict key names.
    private readonly Embedding embedding;
    private readonly LSTM lstm;
    private readonly Dropout dropout;
    private readonly Linear head;
#pragma warning restore IDE1006

    private readonly bool _withValue;
    private readonly float _valueScale;

    /// <param name="vocabularyCount">Vocabulary indices, unknown included.</param>
    /// <param name="options">Sizes, dropout and the input encoding.</param>
    /// <param name="valueScale">Divisor of raw syscall numbers for embedding_plus_value (see <see cref="InputTokens.ValueScale"/>).</param>
    public SyscallLanguageModel(int vocabularyCount, LstmOptions options, float valueScale = 1)
        : base(nameof(SyscallLanguageModel), vocabularyCount)
    {
        _withValue = options.InputEncoding == LstmInputEncoding.EmbeddingPlusValue;
        _valueScale = valueScale;
        embedding = nn.Embedding(vocabularyCount + 1, options.EmbeddingSize);
        lstm = nn.LSTM(options.EmbeddingSize + (_withValue ? 1 : 0), options.HiddenSize, options.Layers, batchFirst: true,
            dropout: options.Layers > 1 ? options.Dropout : 0);
        dropout = nn.Dropout(options.Dropout);
        head = nn.Linear(options.HiddenSize, vocabularyCount);
        RegisterComponents();
    }

    /// <summary>
    /// The LSTM runs piecewise between the reset offsets, and the reset lanes' (h, c) is zeroed at each one.
    /// The state carried is (h, c), each [layers, lanes, hidden].
    /// </summary>
    public override (Tensor Logits, ModelState State) Forward(Tensor tokens, ModelState? state, IReadOnlyList<(int Offset, float[] Keep)> resets)
    {
        var embedded = _withValue ? EmbedWithValue(tokens) : dropout.call(embedding.call(tokens));
        var lanes = (int)tokens.shape[0];
        var width = (int)tokens.shape[1];
        var outputs = new List<Tensor>(resets.Count + 1);
        var carried = (LstmState?)state;
        var h = carried?.H;
        var c = carried?.C;
        var from = 0;
        var next = 0;
        while (from < width)
        {
            if (next < resets.Count && resets[next].Offset == from)
            {
                if (h is not null && c is not null)
                {
                    var keep = torch.tensor(resets[next].Keep, [1, lanes, 1], device: tokens.device);
                    h = h * keep;
                    c = c * keep;
                }

                next++;
            }

            var to = next < resets.Count ? resets[next].Offset : width;
            var (output, newH, newC) = lstm.call(embedded.narrow(1, from, to - from), h is null || c is null ? null : (h, c));
            outputs.Add(output);
            h = newH;
            c = newC;
            from = to;
        }

        var hidden = outputs.Count == 1 ? outputs[0] : torch.cat(outputs, 1);
        return (head.call(dropout.call(hidden)), new LstmState(h!, c!));
    }

    /// <summary>embedding_plus_value: the embedding of the packed index, then the scaled raw value as one more feature.</summary>
    private Tensor EmbedWithValue(Tensor tokens)
    {
        var index = tokens.remainder(1 << 16);
        var value = tokens.div(1 << 16, RoundingMode.floor).to_type(ScalarType.Float32).div(_valueScale);
        return torch.cat([dropout.call(embedding.call(index)), value.unsqueeze(-1)], -1);
    }

    /// <summary>The LSTM's (h, c).</summary>
    private sealed class LstmState(Tensor h, Tensor c) : ModelState
    {
        public Tensor H { get; } = h;

        public Tensor C { get; } = c;

        public override ModelState ForLanes(int lanes) =>
            H.shape[1] == lanes ? this : new LstmState(H.narrow(1, 0, lanes), C.narrow(1, 0, lanes));

        public override ModelState Keep() =>
            new LstmState(H.detach().MoveToOuterDisposeScope(), C.detach().MoveToOuterDisposeScope());

        public override void Dispose()
        {
            H.Dispose();
            C.Dispose();
        }
    }
}
