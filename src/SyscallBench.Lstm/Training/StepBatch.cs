using SyscallBench.Lstm.Model;

namespace SyscallBench.Lstm.Training;

/// <summary>
/// The managed arrays of one step of a <see cref="ChunkPlan"/>: input tokens and target indices,
/// row-major [lanes, width], and where lanes start a new trace (their LSTM state resets there).
/// </summary>
internal sealed class StepBatch
{
    /// <summary>Target of a padded position; cross_entropy skips it.</summary>
    public const long Padding = -100;

    private StepBatch(long[] inputs, long[] targets, IReadOnlyList<(int Offset, float[] Keep)> resets, int lanes, int width, int positions)
    {
        Inputs = inputs;
        Targets = targets;
        Resets = resets;
        Lanes = lanes;
        Width = width;
        Positions = positions;
    }

    public long[] Inputs { get; }

    /// <summary>The call to predict at each position, or <see cref="Padding"/>.</summary>
    public long[] Targets { get; }

    /// <summary>
    /// Time offsets where at least one lane starts a new trace, ascending, each with a per-lane mask:
    /// 0 = the lane's state resets at that offset, 1 = it carries on. Offset 0 is listed when any lane
    /// starts a trace at the beginning of the step.
    /// </summary>
    public IReadOnlyList<(int Offset, float[] Keep)> Resets { get; }

    public int Lanes { get; }

    /// <summary>Time steps in this batch: the chunk length, less only at the end of the plan.</summary>
    public int Width { get; }

    /// <summary>Real (non-padding) positions.</summary>
    public int Positions { get; }

    /// <param name="lanes">One step of the plan.</param>
    /// <param name="encoded">Input tokens of every trace (<see cref="InputTokens"/>); targets are their vocabulary indices.</param>
    /// <param name="startToken">The start-of-trace input token.</param>
    public static StepBatch Build(Piece[][] lanes, IReadOnlyList<int[]> encoded, int startToken)
    {
        var laneCount = lanes.Length;
        var width = lanes.Max(pieces => pieces.Length == 0 ? 0 : pieces[^1].Offset + pieces[^1].Length);
        var inputs = new long[laneCount * width];
        var targets = new long[laneCount * width];
        Array.Fill(inputs, startToken);
        Array.Fill(targets, Padding);
        var resets = new SortedDictionary<int, float[]>();
        var positions = 0;
        for (var lane = 0; lane < laneCount; lane++)
        {
            foreach (var piece in lanes[lane])
            {
                var calls = encoded[piece.Trace];
                var at = lane * width + piece.Offset;
                for (var i = 0; i < piece.Length; i++)
                {
                    var position = piece.Start + i;
                    // Position p reads call p-1 (the start token at p = 0) and predicts call p.
                    inputs[at + i] = position == 0 ? startToken : calls[position - 1];
                    targets[at + i] = InputTokens.IndexOf(calls[position]);
                }

                if (piece.StartsTrace)
                {
                    if (!resets.TryGetValue(piece.Offset, out var keep))
                    {
                        keep = new float[laneCount];
                        Array.Fill(keep, 1f);
                        resets[piece.Offset] = keep;
                    }

                    keep[lane] = 0f;
                }

                positions += piece.Length;
            }
        }

        return new StepBatch(inputs, targets, resets.Select(r => (r.Key, r.Value)).ToArray(), laneCount, width, positions);
    }
}
