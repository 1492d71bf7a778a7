using SyscallBench.Lstm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Model;

/// <summary>Carries the LSTM state from one step to the next, zeroing lanes that start a new trace.</summary>
internal static class LanguageModelState
{
    /// <summary>(h, c) for the next step; null (zeros) when there is no previous state.</summary>
    public static (Tensor H, Tensor C)? Carry(Tensor? h, Tensor? c, StepBatch batch, SyscallLanguageModel model, Device device)
    {
        if (h is null || c is null)
        {
            return null;
        }

        if (batch.KeepState.All(k => k == 0f))
        {
            return null;
        }

        var keep = torch.tensor(batch.KeepState, [1, batch.Lanes, 1], device: device);
        return (h * keep, c * keep);
    }
}
