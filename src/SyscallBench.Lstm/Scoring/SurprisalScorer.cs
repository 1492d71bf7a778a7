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
    public static TraceSurprisal[] Run(CallLanguageModel model, IReadOnlyList<int[]> encoded, int lanes,
        int chunkLength, Device device, bool withRanks, CancellationToken cancellation = default)
    {
        var results = encoded.Select(e => new TraceSurprisal(new float[e.Length], withRanks ? new int[e.Length] : null)).ToArray();
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var (plan, traces) in Plans(model, encoded, lanes, chunkLength))
            {
                RunPlan(model, plan, traces.Select(t => encoded[t]).ToArray(), traces.Select(t => results[t]).ToArray(), device, withRanks, cancellation);
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return results;
    }

    /// <summary>
    /// The plans the traces are scored by, each with the traces it numbers 0, 1, ... Packed lanes (one plan)
    /// unless the model reads every trace from a chunk start (<see cref="CallLanguageModel.ReadsTracesFromChunkStart"/>):
    /// then groups of traces of similar length, longest first, one trace per lane.
    /// </summary>
    private static IEnumerable<(ChunkPlan Plan, int[] Traces)> Plans(CallLanguageModel model, IReadOnlyList<int[]> encoded, int lanes, int chunkLength)
    {
        var all = Enumerable.Range(0, encoded.Count).ToArray();
        if (!model.ReadsTracesFromChunkStart)
        {
            yield return (ChunkPlan.Build(encoded.Select(e => e.Length).ToArray(), lanes, chunkLength, shuffle: null, fitLanesToLongestTrace: true), all);
            yield break;
        }

        // OrderByDescending is stable, so the grouping is the same on every run.
        foreach (var group in all.Where(t => encoded[t].Length > 0).OrderByDescending(t => encoded[t].Length).Chunk(lanes))
        {
            yield return (ChunkPlan.Build(group.Select(t => encoded[t].Length).ToArray(), group.Length, chunkLength, shuffle: null), group);
        }
    }

    private static void RunPlan(CallLanguageModel model, ChunkPlan plan, int[][] encoded, TraceSurprisal[] results, Device device,
        bool withRanks, CancellationToken cancellation)
    {
        ModelState? state = null;
        try
        {
            foreach (var step in plan.Steps)
            {
                cancellation.ThrowIfCancellationRequested();
                var batch = StepBatch.Build(step, encoded, model.StartToken);
                using var scope = torch.NewDisposeScope();
                var (nll, ranks, newState) = Forward(model, batch, state, device, withRanks);
                Scatter(step, batch.Width, nll, ranks, results);
                state?.Dispose();
                state = newState.Keep();
            }
        }
        finally
        {
            state?.Dispose();
        }
    }

    private static (float[] Nll, long[]? Ranks, ModelState State) Forward(CallLanguageModel model, StepBatch batch,
        ModelState? state, Device device, bool withRanks)
    {
        var inputs = torch.tensor(batch.Inputs, [batch.Lanes, batch.Width], device: device);
        var safeTargets = batch.Targets.Select(t => t == StepBatch.Padding ? 0L : t).ToArray();
        var targets = torch.tensor(safeTargets, [batch.Lanes, batch.Width, 1], device: device);
        var (logits, newState) = model.Forward(inputs, state?.ForLanes(batch.Lanes), batch.Resets);
        var targetLogProb = logits.log_softmax(-1).gather(-1, targets).squeeze(-1);
        var nll = targetLogProb.neg().cpu().data<float>().ToArray();
        long[]? ranks = null;
        if (withRanks)
        {
            var targetLogit = logits.gather(-1, targets);
            ranks = logits.gt(targetLogit).sum(-1).cpu().data<long>().ToArray();
        }

        return (nll, ranks, newState);
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
