using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Training;

namespace SyscallBench.Lstm.Tests.Support;

/// <summary>Small synthetic traces with a deterministic grammar, so a tiny LSTM learns them in seconds.</summary>
internal static class CycleTraces
{
    /// <summary>The normal program: open(5) read(3) read(3) write(4) close(6), repeated.</summary>
    public static readonly int[] Cycle = [5, 3, 3, 4, 6];

    /// <summary>Normal traces: the cycle repeated, each starting at a different phase and length.</summary>
    public static IReadOnlyList<Trace> Normals(int count = 24)
    {
        var traces = new List<Trace>();
        for (var i = 0; i < count; i++)
        {
            var length = 30 + (i * 7 % 40);
            var calls = Enumerable.Range(0, length).Select(p => Cycle[p % Cycle.Length]).ToArray();
            traces.Add(Trace.Normal($"normal-{i:D2}", calls));
        }

        return traces;
    }

    /// <summary>The normal grammar broken in the middle by calls out of order.</summary>
    public static Trace Anomalous(string id = "attack")
    {
        var calls = Enumerable.Range(0, 40).Select(p => Cycle[p % Cycle.Length]).ToArray();
        calls[20] = 6;
        calls[21] = 6;
        calls[22] = 5;
        calls[23] = 4;
        return Trace.Attack(id, calls, "toy");
    }

    public static LstmOptions TinyOptions(LstmScore score = LstmScore.MeanNll, LearningRateSchedule schedule = LearningRateSchedule.Constant,
        int maxEpochs = 12, int patience = 3) => new()
    {
        EmbeddingSize = 8,
        HiddenSize = 16,
        Dropout = 0,
        BatchSize = 8,
        ChunkLength = 16,
        LearningRate = 0.02,
        LearningRateSchedule = schedule,
        MaxEpochs = maxEpochs,
        Patience = patience,
        ValidationFraction = 0.2,
        Score = score,
        WindowLength = 4,
        TopK = 1,
        ScoreBatchSize = 16,
        Device = LstmDevice.Cpu,
    };
}
