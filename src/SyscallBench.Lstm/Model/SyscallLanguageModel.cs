using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Model;

/// <summary>
/// Embedding -> LSTM -> linear head over the vocabulary: the next-syscall language model.
/// </summary>
/// <remarks>
/// Input tokens are vocabulary indices (0 = unknown syscall) plus one start-of-trace token
/// (<see cref="StartToken"/> = vocabulary count), so the first call of a trace is predicted too. The head
/// predicts vocabulary indices only. With input_encoding embedding_plus_value the tokens are packed
/// (<see cref="InputTokens"/>) and the LSTM also reads the scaled raw syscall number. Submodules are fields named like their state-dict keys.
/// </remarks>
internal sealed class SyscallLanguageModel : nn.Module
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
        : base(nameof(SyscallLanguageModel))
    {
        VocabularyCount = vocabularyCount;
        _withValue = options.InputEncoding == LstmInputEncoding.EmbeddingPlusValue;
        _valueScale = valueScale;
        Layers = options.Layers;
        HiddenSize = options.HiddenSize;
        embedding = nn.Embedding(vocabularyCount + 1, options.EmbeddingSize);
        lstm = nn.LSTM(options.EmbeddingSize + (_withValue ? 1 : 0), options.HiddenSize, options.Layers, batchFirst: true,
            dropout: options.Layers > 1 ? options.Dropout : 0);
        dropout = nn.Dropout(options.Dropout);
        head = nn.Linear(options.HiddenSize, vocabularyCount);
        RegisterComponents();
    }

    /// <summary>Output classes: the vocabulary indices, unknown included.</summary>
    public int VocabularyCount { get; }

    /// <summary>The start-of-trace input token.</summary>
    public int StartToken => VocabularyCount;

    public int Layers { get; }

    public int HiddenSize { get; }

    /// <summary>Logits [lanes, time, vocabulary] and the LSTM state after the last time step.</summary>
    /// <param name="tokens">Input tokens [lanes, time].</param>
    /// <param name="state">(h, c), each [layers, lanes, hidden]; null = zeros.</param>
    /// <param name="resets">
    /// Ascending time offsets where some lanes start a new trace, with a [1, lanes, 1] mask (0 = reset).
    /// The LSTM runs piecewise between these offsets and the masked lanes' state is zeroed at each one, so
    /// traces packed back to back in a lane never see each other's state.
    /// </param>
    public (Tensor Logits, (Tensor H, Tensor C) State) Forward(Tensor tokens, (Tensor H, Tensor C)? state,
        IReadOnlyList<(int Offset, Tensor Keep)> resets)
    {
        var embedded = _withValue ? EmbedWithValue(tokens) : dropout.call(embedding.call(tokens));
        var width = (int)tokens.shape[1];
        var outputs = new List<Tensor>(resets.Count + 1);
        var h = state?.H;
        var c = state?.C;
        var from = 0;
        var next = 0;
        while (from < width)
        {
            if (next < resets.Count && resets[next].Offset == from)
            {
                if (h is not null && c is not null)
                {
                    h = h * resets[next].Keep;
                    c = c * resets[next].Keep;
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
        return (head.call(dropout.call(hidden)), (h!, c!));
    }

    /// <summary>embedding_plus_value: the embedding of the packed index, then the scaled raw value as one more feature.</summary>
    private Tensor EmbedWithValue(Tensor tokens)
    {
        var index = tokens.remainder(1 << 16);
        var value = tokens.div(1 << 16, RoundingMode.floor).to_type(ScalarType.Float32).div(_valueScale);
        return torch.cat([dropout.call(embedding.call(index)), value.unsqueeze(-1)], -1);
    }
}
