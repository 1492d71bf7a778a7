using SyscallBench.Core.Traces;

namespace SyscallBench.Lstm.Model;

/// <summary>
/// The model's input tokens. With <see cref="LstmInputEncoding.Embedding"/> a token is the vocabulary index
/// (0 = unknown syscall). With <see cref="LstmInputEncoding.EmbeddingPlusValue"/> (and
/// <see cref="LstmInputEncoding.EmbeddingPlusValueAndDelta"/>, whose difference the model takes from
/// consecutive tokens) it also carries the raw
/// syscall number in its upper bits, <c>token = value &lt;&lt; 16 | index</c>, so a syscall never seen in
/// training still reaches the model with its numeric value while its index is the unknown bucket. Packing
/// into the one int keeps the batching, chunking and scoring code unchanged: it only unpacks targets.
/// </summary>
internal static class InputTokens
{
    private const int IndexBits = 16;
    private const int IndexMask = (1 << IndexBits) - 1;

    /// <summary>Raw values above this are clamped (32-bit x86 syscall numbers are below 400).</summary>
    public const int MaxValue = short.MaxValue;

    /// <summary>Largest vocabulary (indices and start token) packing leaves room for.</summary>
    public const int MaxVocabulary = IndexMask;

    /// <summary>Whether the encoding packs the raw value into the token.</summary>
    public static bool CarriesValue(LstmInputEncoding encoding) => encoding != LstmInputEncoding.Embedding;

    public static int[] Encode(Vocabulary vocabulary, ReadOnlySpan<int> calls, LstmInputEncoding encoding)
    {
        var encoded = vocabulary.Encode(calls);
        if (CarriesValue(encoding))
        {
            for (var i = 0; i < encoded.Length; i++)
            {
                encoded[i] = Pack(encoded[i], calls[i]);
            }
        }

        return encoded;
    }

    public static int Pack(int index, int value) => (Math.Clamp(value, 0, MaxValue) << IndexBits) | index;

    /// <summary>The vocabulary index of a token (the prediction target); the token itself without packing.</summary>
    public static int IndexOf(int token) => token & IndexMask;

    /// <summary>Divisor that scales raw values to about [0, 1]: the largest training syscall number (at least 1).</summary>
    public static float ValueScale(Vocabulary vocabulary) =>
        Math.Min(MaxValue, Math.Max(1, vocabulary.KnownSyscalls.DefaultIfEmpty(1).Max()));

    /// <summary>Throws when the vocabulary is too large for the packed encoding.</summary>
    public static void EnsureFits(Vocabulary vocabulary, LstmInputEncoding encoding)
    {
        if (CarriesValue(encoding) && vocabulary.Count + 1 > MaxVocabulary)
        {
            throw new SyscallBench.Core.SyscallBenchException(
                $"lstm input_encoding {SyscallBench.Core.Config.OptionsSchema.FormatValue(encoding)} supports at most {MaxVocabulary - 1} distinct syscalls, the training data has {vocabulary.Count - 1}.");
        }
    }
}
