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
/// predicts vocabulary indices only. Submodules are fields named like their state-dict keys.
/// </remarks>
internal sealed class SyscallLanguageModel : nn.Module
{
#pragma warning disable IDE1006 // State-dict key names.
    private readonly Embedding embedding;
    private readonly LSTM lstm;
    private readonly Dropout dropout;
    private readonly Linear head;
#pragma warning restore IDE1006

    public SyscallLanguageModel(int vocabularyCount, LstmOptions options)
        : base(nameof(SyscallLanguageModel))
    {
        VocabularyCount = vocabularyCount;
        Layers = options.Layers;
        HiddenSize = options.HiddenSize;
        embedding = nn.Embedding(vocabularyCount + 1, options.EmbeddingSize);
        lstm = nn.LSTM(options.EmbeddingSize, options.HiddenSize, options.Layers, batchFirst: true,
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

    /// <summary>Logits [lanes, time, vocabulary] and the LSTM state after the last step.</summary>
    /// <param name="tokens">Input tokens [lanes, time].</param>
    /// <param name="state">(h, c), each [layers, lanes, hidden]; null = zeros.</param>
    public (Tensor Logits, (Tensor H, Tensor C) State) Forward(Tensor tokens, (Tensor H, Tensor C)? state)
    {
        using var embedded = dropout.call(embedding.call(tokens));
        var (output, h, c) = lstm.call(embedded, state);
        using var dropped = dropout.call(output);
        output.Dispose();
        return (head.call(dropped), (h, c));
    }
}
