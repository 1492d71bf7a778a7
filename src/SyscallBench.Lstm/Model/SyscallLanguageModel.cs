using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Model;

/// <summary>
/// Embedding -> LSTM -> linear head over the vocabulary: the <c>lstm</c> detector's language model.
/// </summary>
/// <remarks>
/// With input_encoding embedding_plus_value the tokens are packed (<see cref="InputTokens"/>) and the LSTM
/// also reads the scaled raw syscall number; with embedding_plus_value_and_delta also its difference to the
/// previous input's number (0 where the input is the start token; the previous number is carried across
/// chunks with the state). Submodules are fields named like their state-dict keys.
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
    private readonly bool _withDelta;
    private readonly float _valueScale;

    /// <param name="vocabularyCount">Vocabulary indices, unknown included.</param>
    /// <param name="options">Sizes, dropout and the input encoding.</param>
    /// <param name="valueScale">Divisor of raw syscall numbers for embedding_plus_value (see <see cref="InputTokens.ValueScale"/>).</param>
    public SyscallLanguageModel(int vocabularyCount, LstmOptions options, float valueScale = 1)
        : base(nameof(SyscallLanguageModel), vocabularyCount)
    {
        _withValue = InputTokens.CarriesValue(options.InputEncoding);
        _withDelta = options.InputEncoding == LstmInputEncoding.EmbeddingPlusValueAndDelta;
        _valueScale = valueScale;
        embedding = nn.Embedding(vocabularyCount + 1, options.EmbeddingSize);
        lstm = nn.LSTM(options.EmbeddingSize + (_withValue ? 1 : 0) + (_withDelta ? 1 : 0), options.HiddenSize, options.Layers, batchFirst: true,
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
        var carried = (LstmState?)state;
        var (embedded, lastValue) = _withValue ? EmbedWithValue(tokens, carried?.LastValue) : (dropout.call(embedding.call(tokens)), null);
        var lanes = (int)tokens.shape[0];
        var width = (int)tokens.shape[1];
        var outputs = new List<Tensor>(resets.Count + 1);
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
        return (head.call(dropout.call(hidden)), new LstmState(h!, c!, lastValue));
    }

    /// <summary>
    /// embedding_plus_value: the embedding of the packed index, then the scaled raw value as one more feature;
    /// with the delta, then the scaled difference to the previous input's value. Also returns the last
    /// input's value per lane [lanes, 1], which the next chunk's first delta needs.
    /// </summary>
    internal (Tensor Embedded, Tensor? LastValue) EmbedWithValue(Tensor tokens, Tensor? previousLastValue)
    {
        var index = tokens.remainder(1 << 16);
        var value = tokens.div(1 << 16, RoundingMode.floor).to_type(ScalarType.Float32).div(_valueScale);
        var features = new List<Tensor> { dropout.call(embedding.call(index)), value.unsqueeze(-1) };
        if (!_withDelta)
        {
            return (torch.cat(features, -1), null);
        }

        var width = value.shape[1];
        var previous = torch.cat([previousLastValue ?? torch.zeros_like(value.narrow(1, 0, 1)), value.narrow(1, 0, width - 1)], 1);
        var delta = torch.where(index.eq(StartToken), torch.zeros_like(value), value - previous);
        features.Add(delta.unsqueeze(-1));
        return (torch.cat(features, -1), value.narrow(1, width - 1, 1));
    }

    /// <summary>The LSTM's (h, c), and for embedding_plus_value_and_delta the last input's scaled value per lane.</summary>
    private sealed class LstmState(Tensor h, Tensor c, Tensor? lastValue) : ModelState
    {
        public Tensor H { get; } = h;

        public Tensor C { get; } = c;

        public Tensor? LastValue { get; } = lastValue;

        public override ModelState ForLanes(int lanes) =>
            H.shape[1] == lanes ? this : new LstmState(H.narrow(1, 0, lanes), C.narrow(1, 0, lanes), LastValue?.narrow(0, 0, lanes));

        public override ModelState Keep() =>
            new LstmState(H.detach().MoveToOuterDisposeScope(), C.detach().MoveToOuterDisposeScope(), LastValue?.detach().MoveToOuterDisposeScope());

        public override void Dispose()
        {
            H.Dispose();
            C.Dispose();
            LastValue?.Dispose();
        }
    }
}
