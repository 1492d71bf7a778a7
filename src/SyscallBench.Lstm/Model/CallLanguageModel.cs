using TorchSharp;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Model;

/// <summary>
/// A next-syscall language model that reads a batch of lanes chunk by chunk, carrying what it needs of
/// the previous chunk (<see cref="ModelState"/>), and restarting a lane wherever a new trace begins in it.
/// The LSTM and the transformer both are one, so chunking, training, early stopping and scoring are
/// written once (<see cref="Training.LanguageModelTrainer"/>, <see cref="Scoring.SurprisalScorer"/>).
/// </summary>
/// <remarks>
/// Input tokens are vocabulary indices (0 = unknown syscall) plus one start-of-trace token
/// (<see cref="StartToken"/> = vocabulary count), so the first call of a trace is predicted too. The head
/// predicts vocabulary indices only.
/// </remarks>
internal abstract class CallLanguageModel : nn.Module
{
    protected CallLanguageModel(string name, int vocabularyCount)
        : base(name)
    {
        VocabularyCount = vocabularyCount;
    }

    /// <summary>Output classes: the vocabulary indices, unknown included.</summary>
    public int VocabularyCount { get; }

    /// <summary>The start-of-trace input token.</summary>
    public int StartToken => VocabularyCount;

    /// <summary>
    /// Whether a call's result depends on where its trace begins within a chunk. Such a model is scored
    /// with every trace starting a lane at a chunk start, so a trace's scores never depend on which traces
    /// were scored with it (training still packs traces back to back).
    /// </summary>
    public virtual bool ReadsTracesFromChunkStart => false;

    /// <summary>Logits [lanes, time, vocabulary] and the state to carry into the next chunk.</summary>
    /// <param name="tokens">Input tokens [lanes, time].</param>
    /// <param name="state">What the previous chunk left, for these lanes (see <see cref="ModelState.ForLanes"/>); null at the start.</param>
    /// <param name="resets">
    /// Ascending time offsets where some lanes start a new trace, each with a per-lane mask (0 = the lane
    /// starts a trace there, 1 = it carries on). Nothing before such an offset in that lane may reach the
    /// positions from it on, so traces packed back to back in a lane never see each other.
    /// </param>
    public abstract (Tensor Logits, ModelState State) Forward(Tensor tokens, ModelState? state, IReadOnlyList<(int Offset, float[] Keep)> resets);

    /// <summary>The logits after the last token of one sequence of input tokens [1, time] (start token first).</summary>
    public virtual Tensor LastLogits(Tensor tokens)
    {
        var (logits, state) = Forward(tokens, null, []);
        state.Dispose();
        return logits[0, -1];
    }
}

/// <summary>What a <see cref="CallLanguageModel"/> carries from one chunk to the next, per lane.</summary>
internal abstract class ModelState : IDisposable
{
    /// <summary>The state of the first <paramref name="lanes"/> lanes (lanes end longest first, so the running ones are a prefix).</summary>
    public abstract ModelState ForLanes(int lanes);

    /// <summary>The same state cut from the gradient history (truncated backpropagation) and moved out of the current dispose scope.</summary>
    public abstract ModelState Keep();

    public abstract void Dispose();
}
