namespace SyscallBench.Lstm.Training;

/// <summary>
/// Consecutive prediction positions of one trace inside one lane of one step.
/// </summary>
/// <param name="Trace">Index of the trace in the list the plan was built from.</param>
/// <param name="Start">First position in the trace (position p predicts call p from the calls before it).</param>
/// <param name="Length">Positions in this piece.</param>
/// <param name="Offset">Where the piece begins within the step (time index).</param>
internal readonly record struct Piece(int Trace, int Start, int Length, int Offset)
{
    /// <summary>A piece that begins its trace starts from a zero LSTM state.</summary>
    public bool StartsTrace => Start == 0;
}

/// <summary>
/// Packs whole traces into lanes and cuts the lanes into truncated-BPTT chunks. Each lane is one
/// stream of traces back to back; each step takes the next chunk of every lane. Every call is processed
/// once per epoch, the state is carried within a trace, and it is reset where a new trace begins, also in
/// the middle of a chunk (see <see cref="Model.CallLanguageModel.Forward"/>), so no chunk is padded
/// except at the very end of the plan.
/// </summary>
/// <remarks>
/// Traces go to lanes longest first onto the shortest lane (LPT scheduling), which balances the lanes;
/// each lane's traces are then visited in seeded random order.
/// </remarks>
internal sealed class ChunkPlan
{
    private ChunkPlan(IReadOnlyList<Piece[][]> steps, int lanes, int positions)
    {
        Steps = steps;
        Lanes = lanes;
        Positions = positions;
    }

    /// <summary>
    /// Per step, per running lane, the pieces in time order. Lanes are numbered longest first, so step s
    /// holds lanes 0..k-1 for some k that never grows: the state of lanes that ended is simply dropped.
    /// </summary>
    public IReadOnlyList<Piece[][]> Steps { get; }

    /// <summary>Lanes in the first step (the batch size actually used).</summary>
    public int Lanes { get; }

    /// <summary>Prediction positions in the plan (= calls in the traces).</summary>
    public int Positions { get; }

    /// <param name="lengths">Calls per trace.</param>
    /// <param name="maxLanes">Batch size.</param>
    /// <param name="chunkLength">Time steps per optimizer step.</param>
    /// <param name="shuffle">Seeded randomness for trace order; null = deterministic (input order for ties).</param>
    /// <param name="fitLanesToLongestTrace">
    /// Use fewer lanes when the longest trace is longer than a lane would be: for scoring, where a lane
    /// that holds only the longest trace would otherwise keep the other lanes idle.
    /// </param>
    public static ChunkPlan Build(IReadOnlyList<int> lengths, int maxLanes, int chunkLength, Random? shuffle,
        bool fitLanesToLongestTrace = false)
    {
        var traces = Enumerable.Range(0, lengths.Count).Where(i => lengths[i] > 0).ToArray();
        if (shuffle is not null)
        {
            shuffle.Shuffle(traces);
        }

        var total = traces.Sum(t => (long)lengths[t]);
        var lanes = Math.Max(1, Math.Min(maxLanes, traces.Length));
        if (fitLanesToLongestTrace && traces.Length > 0)
        {
            var longest = traces.Max(t => lengths[t]);
            lanes = (int)Math.Clamp(total / longest, 1, lanes);
        }

        // OrderByDescending is stable: equal lengths keep the (shuffled) order.
        var laneTraces = Enumerable.Range(0, lanes).Select(_ => new List<int>()).ToArray();
        var laneLength = new long[lanes];
        foreach (var trace in traces.OrderByDescending(t => lengths[t]))
        {
            var lane = Array.IndexOf(laneLength, laneLength.Min());
            laneTraces[lane].Add(trace);
            laneLength[lane] += lengths[trace];
        }

        // Longest lanes first: lanes end in order, so the lanes still running are always a prefix and
        // a step's batch (and the carried state) shrinks to them instead of computing padding.
        var byLength = Enumerable.Range(0, lanes).OrderByDescending(l => laneLength[l]).ToArray();
        laneTraces = byLength.Select(l => laneTraces[l]).ToArray();
        laneLength = byLength.Select(l => laneLength[l]).ToArray();

        var stepCount = laneLength.Length == 0 ? 0 : (int)((laneLength.Max() + chunkLength - 1) / chunkLength);
        var steps = new List<Piece>[stepCount][];
        for (var s = 0; s < stepCount; s++)
        {
            steps[s] = Enumerable.Range(0, lanes).Select(_ => new List<Piece>()).ToArray();
        }

        for (var lane = 0; lane < lanes; lane++)
        {
            var order = laneTraces[lane].ToArray();
            if (shuffle is not null)
            {
                shuffle.Shuffle(order);
            }

            long time = 0;
            foreach (var trace in order)
            {
                var start = 0;
                while (start < lengths[trace])
                {
                    var step = (int)(time / chunkLength);
                    var offset = (int)(time % chunkLength);
                    var length = Math.Min(chunkLength - offset, lengths[trace] - start);
                    steps[step][lane].Add(new Piece(trace, start, length, offset));
                    start += length;
                    time += length;
                }
            }
        }

        // Each step lists only the lanes still running (a prefix, see above).
        var trimmed = steps.Select(step => step.Select(l => l.ToArray()).Where(pieces => pieces.Length > 0).ToArray()).ToArray();
        return new ChunkPlan(trimmed, lanes, (int)total);
    }
}
