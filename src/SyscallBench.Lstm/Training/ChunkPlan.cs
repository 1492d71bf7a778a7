namespace SyscallBench.Lstm.Training;

/// <summary>A run of consecutive prediction positions of one trace, processed by one lane in one step.</summary>
/// <param name="Trace">Index of the trace in the list the plan was built from.</param>
/// <param name="Start">First position (position p predicts call p from the calls before it).</param>
/// <param name="Length">Positions in this segment, at most the chunk length.</param>
internal readonly record struct Segment(int Trace, int Start, int Length)
{
    /// <summary>The first segment of a trace starts from a zero LSTM state.</summary>
    public bool StartsTrace => Start == 0;
}

/// <summary>
/// Packs whole traces into lanes and cuts them into truncated-BPTT chunks: each step gives every lane
/// the next segment of its current trace, so each call is processed once per epoch and the hidden state
/// is carried within a trace and reset between traces.
/// </summary>
/// <remarks>
/// Traces go to lanes longest first onto the least-loaded lane (LPT scheduling), which keeps lanes
/// equally long so few lanes idle at the end; each lane's traces are then visited in seeded random
/// order. A trace's last segment is shorter than the chunk; the rest of that lane's step is padding.
/// </remarks>
internal sealed class ChunkPlan
{
    private ChunkPlan(IReadOnlyList<Segment?[]> steps, int lanes, int positions)
    {
        Steps = steps;
        Lanes = lanes;
        Positions = positions;
    }

    /// <summary>Per step, one segment per lane (null: the lane is idle in that step).</summary>
    public IReadOnlyList<Segment?[]> Steps { get; }

    public int Lanes { get; }

    /// <summary>Prediction positions in the plan (= calls in the traces).</summary>
    public int Positions { get; }

    /// <param name="lengths">Calls per trace.</param>
    /// <param name="maxLanes">Batch size.</param>
    /// <param name="chunkLength">Positions per lane per step.</param>
    /// <param name="shuffle">Seeded randomness for the lane order; null = deterministic, input order for ties.</param>
    public static ChunkPlan Build(IReadOnlyList<int> lengths, int maxLanes, int chunkLength, Random? shuffle)
    {
        var traces = Enumerable.Range(0, lengths.Count).Where(i => lengths[i] > 0).ToArray();
        if (shuffle is not null)
        {
            shuffle.Shuffle(traces);
        }

        var chunks = traces.ToDictionary(t => t, t => (lengths[t] + chunkLength - 1) / chunkLength);

        // OrderBy is stable: equal lengths keep the (shuffled) order.
        var lanes = Math.Max(1, Math.Min(maxLanes, traces.Length));
        var laneTraces = Enumerable.Range(0, lanes).Select(_ => new List<int>()).ToArray();
        var laneLoad = new int[lanes];
        foreach (var trace in traces.OrderByDescending(t => chunks[t]))
        {
            var lane = Array.IndexOf(laneLoad, laneLoad.Min());
            laneTraces[lane].Add(trace);
            laneLoad[lane] += chunks[trace];
        }

        var steps = new Segment?[laneLoad.Length == 0 ? 0 : laneLoad.Max()][];
        for (var s = 0; s < steps.Length; s++)
        {
            steps[s] = new Segment?[lanes];
        }

        for (var lane = 0; lane < lanes; lane++)
        {
            var order = laneTraces[lane].ToArray();
            if (shuffle is not null)
            {
                shuffle.Shuffle(order);
            }

            var step = 0;
            foreach (var trace in order)
            {
                for (var start = 0; start < lengths[trace]; start += chunkLength)
                {
                    steps[step++][lane] = new Segment(trace, start, Math.Min(chunkLength, lengths[trace] - start));
                }
            }
        }

        return new ChunkPlan(steps, lanes, traces.Sum(t => lengths[t]));
    }
}
