using SyscallBench.Lstm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Model;

/// <summary>Turns a step's reset points into the masks <see cref="SyscallLanguageModel.Forward"/> takes.</summary>
internal static class LanguageModelState
{
    /// <summary>The carried (h, c) of the first <paramref name="lanes"/> lanes; null (zeros) at the start.</summary>
    public static (Tensor H, Tensor C)? ForLanes(Tensor? h, Tensor? c, int lanes)
    {
        if (h is null || c is null)
        {
            return null;
        }

        return h.shape[1] == lanes ? (h, c) : (h.narrow(1, 0, lanes), c.narrow(1, 0, lanes));
    }

    public static IReadOnlyList<(int Offset, Tensor Keep)> ResetMasks(StepBatch batch, Device device) =>
        batch.Resets.Select(r => (r.Offset, torch.tensor(r.Keep, [1, batch.Lanes, 1], device: device))).ToArray();
}
