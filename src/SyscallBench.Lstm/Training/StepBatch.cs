namespace SyscallBench.Lstm.Training;

/// <summary>
/// The managed arrays of one step of a <see cref="ChunkPlan"/>: input tokens, target indices and which
/// lanes carry their LSTM state over from the previous step. Row-major [lanes, width].
/// </summary>
internal sealed class StepBatch
{
    /// <summary>Target of a padded position; cross_entropy skips it.</summary>
    public const long Padding = -100;

    private StepBatch(long[] inputs, long[] targets, float[] keepState, int lanes, int width, int positions)
    {
        Inputs = inputs;
        Targets = targets;
        KeepState = keepState;
        Lanes = lanes;
        Width = width;
        Positions = positions;
    }

    public long[] Inputs { get; }

    /// <summary>The call to predict at each position, or <see cref="Padding"/>.</summary>
    public long[] Targets { get; }

    /// <summary>1 where the lane continues the trace of the previous step, 0 where its state resets.</summary>
    public float[] KeepState { get; }

    public int Lanes { get; }

    /// <summary>Time steps in this batch: the longest segment (shorter than the chunk near the end).</summary>
    public int Width { get; }

    /// <summary>Real (non-padding) positions.</summary>
    public int Positions { get; }

    /// <param name="segments">One step of the plan.</param>
    /// <param name="encoded">Vocabulary indices of every trace.</param>
    /// <param name="startToken">The start-of-trace input token.</param>
    public static StepBatch Build(Segment?[] segments, IReadOnlyList<int[]> encoded, int startToken)
    {
        var lanes = segments.Length;
        var width = segments.Max(s => s?.Length ?? 0);
        var inputs = new long[lanes * width];
        var targets = new long[lanes * width];
        var keep = new float[lanes];
        Array.Fill(inputs, startToken);
        Array.Fill(targets, Padding);
        var positions = 0;
        for (var lane = 0; lane < lanes; lane++)
        {
            if (segments[lane] is not { } segment)
            {
                continue;
            }

            keep[lane] = segment.StartsTrace ? 0f : 1f;
            var calls = encoded[segment.Trace];
            var row = lane * width;
            for (var i = 0; i < segment.Length; i++)
            {
                var position = segment.Start + i;
                // Position p reads call p-1 (the start token at p = 0) and predicts call p.
                inputs[row + i] = position == 0 ? startToken : calls[position - 1];
                targets[row + i] = calls[position];
            }

            positions += segment.Length;
        }

        return new StepBatch(inputs, targets, keep, lanes, width, positions);
    }
}
