using SyscallBench.Lstm.Model;
using SyscallBench.Lstm.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Scoring;

/// <summary>Per-call results of running the model over one trace.</summary>
/// <param name="Surprisal">-ln p(call_t | calls before t), one per call.</param>
/// <param name="Ranks">Per call, how many syscalls the model found strictly more probable; null when not asked for.</param>
internal sealed record TraceSurprisal(float[] Surprisal, int[]? Ranks);

/// <summary>
/// Runs the model over many traces at once, in lanes and chunks like training, without gradients and
/// in eval mode, and copies the per-call surprisal into managed arrays inside each step's dispose scope.
/// </summary>
internal static class SurprisalScorer
{
    public static TraceSurprisal[] Run(SyscallLanguageModel model, IReadOnlyList<int[]> encoded, int lanes,
        int chunkLength, Device device, bool withRanks, CancellationToken cancellation = default)
    {
        var results = encoded.Select(e => new TraceSurprisal(new float[e.Length], withRanks ? new int[e.Length] : null)).ToArray();
        var plan = ChunkPlan.Build(encoded.Select(e => e.Length).ToArray(), lanes, chunkLength, shuffle: null,
            fitLanesToLongestTrace: true);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            Tensor? h = null, c = null;
            foreach (var step in plan.Steps)
            {
                cancellation.ThrowIfCancellationRequested();
                var batch = StepBatch.Build(step, encoded, model.StartToken);
                using (var scope = torch.NewDisposeScope())
                {
                    var (nll, ranks, newH, newC) = Forward(model, batch, h, c, device, withRanks);
                    Scatter(step, batch.Width, nll, ranks, results);
                    h?.Dispose();
                    c?.Dispose();
                    h = newH.MoveToOuterDisposeScope();
                    c = newC.MoveToOuterDisposeScope();
                }
            }

            h?.Dispose();
            c?.Dispose();
        }
        finally
        {
            model.train(wasTraining);
        }

        return results;
    }

    private static (float[] Nll, long[]? Ranks, Tensor H, Tensor C) Forward(SyscallLanguageModel model, StepBatch batch,
        Tensor? h, Tensor? c, Device device, bool withRanks)
    {
        var inputs = torch.tensor(batch.Inputs, [batch.Lanes, batch.Width], device: device);
        var safeTargets = batch.Targets.Select(t => t == StepBatch.Padding ? 0L : t).ToArray();
        var targets = torch.tensor(safeTargets, [batch.Lanes, batch.Width, 1], device: device);
        var state = LanguageModelState.ForLanes(h, c, batch.Lanes);
        var (logits, (newH, newC)) = model.Forward(inputs, state, LanguageModelState.ResetMasks(batch, device));
        var targetLogProb = logits.log_softmax(-1).gather(-1, targets).squeeze(-1);
        var nll = targetLogProb.neg().cpu().data<float>().ToArray();
        long[]? ranks = null;
        if (withRanks)
        {
            var targetLogit = logits.gather(-1, targets);
            ranks = logits.gt(targetLogit).sum(-1).cpu().data<long>().ToArray();
        }

        return (nll, ranks, newH, newC);
    }

    private static void Scatter(Piece[][] step, int width, float[] nll, long[]? ranks, TraceSurprisal[] results)
    {
        for (var lane = 0; lane < step.Length; lane++)
        {
            foreach (var piece in step[lane])
            {
                var result = results[piece.Trace];
                var at = lane * width + piece.Offset;
                Array.Copy(nll, at, result.Surprisal, piece.Start, piece.Length);
                if (ranks is not null)
                {
                    for (var i = 0; i < piece.Length; i++)
                    {
                        result.Ranks![piece.Start + i] = (int)ranks[at + i];
                    }
                }
            }
        }
    }
}
