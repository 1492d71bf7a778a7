using SyscallBench.Lstm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Model;

/// <summary>Turns a step's reset points into the masks <see cref="SyscallLanguageModel.Forward"/> takes.</summary>
internal static class LanguageModelState
{
    public static IReadOnlyList<(int Offset, Tensor Keep)> ResetMasks(StepBatch batch, Device device) =>
        batch.Resets.Select(r => (r.Offset, torch.tensor(r.Keep, [1, batch.Lanes, 1], device: device))).ToArray();
}
