using Stopwatch = System.Diagnostics.Stopwatch;
using SyscallBench.Core.Benchmarking;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;
using SyscallBench.Lstm.Native;

namespace SyscallBench.Lstm.Benchmarks;

/// <summary>
/// The side-by-side protocol of the bare-loop benchmarks (<see cref="LstmBenchmark"/>, <see cref="TransformerBenchmark"/>):
/// each repeat runs the bare loop, then fits and scores the detector on the same traces, alternating so that
/// machine load hits both alike; the best rate of each side is kept.
/// </summary>
internal static class BareLoopComparison
{
    /// <param name="trainTraces">Traces both sides train on.</param>
    /// <param name="scoreTraces">Traces both sides score.</param>
    /// <param name="epochs">Training epochs per repeat (the detector is configured for exactly these).</param>
    /// <param name="repeats">Alternating repeats per side.</param>
    /// <param name="log">Receives one line per measurement.</param>
    /// <param name="bareLoop">The bare loop over the concatenated train and score streams (vocabulary indices) with this
    /// many classes: its training and scoring rates in calls per second.</param>
    /// <param name="fit">Fits the detector on <paramref name="trainTraces"/>.</param>
    public static ReferenceLoopResult Run(IReadOnlyList<Trace> trainTraces, IReadOnlyList<Trace> scoreTraces, int epochs, int repeats,
        Action<string>? log, Func<long[], long[], int, (double Train, double Score)> bareLoop, Func<IFittedDetector> fit)
    {
        TorchRuntime.EnsureAvailable();
        var vocabulary = Vocabulary.Fit(trainTraces);
        var trainStream = Concatenate(trainTraces, vocabulary);
        var scoreStream = Concatenate(scoreTraces, vocabulary);
        long trainCalls = trainStream.Length, scoreCalls = scoreStream.Length;

        double bareTrain = 0, detectorTrain = 0, bareScore = 0, detectorScore = 0;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            var (bareTrainRate, bareScoreRate) = bareLoop(trainStream, scoreStream, vocabulary.Count);
            log?.Invoke($"bare loop: train {bareTrainRate:F0} syscalls/s, score {bareScoreRate:F0} syscalls/s");

            var clock = Stopwatch.StartNew();
            using var fitted = fit();
            var detectorTrainRate = trainCalls * (double)epochs / clock.Elapsed.TotalSeconds;
            clock.Restart();
            fitted.ScoreMany(scoreTraces);
            var detectorScoreRate = scoreCalls / clock.Elapsed.TotalSeconds;
            log?.Invoke($"detector:  train {detectorTrainRate:F0} syscalls/s, score {detectorScoreRate:F0} syscalls/s");

            bareTrain = Math.Max(bareTrain, bareTrainRate);
            bareScore = Math.Max(bareScore, bareScoreRate);
            detectorTrain = Math.Max(detectorTrain, detectorTrainRate);
            detectorScore = Math.Max(detectorScore, detectorScoreRate);
        }

        return new ReferenceLoopResult(trainCalls, scoreCalls, bareTrain, detectorTrain, bareScore, detectorScore);
    }

    private static long[] Concatenate(IReadOnlyList<Trace> traces, Vocabulary vocabulary) =>
        traces.SelectMany(t => vocabulary.Encode(t.Calls)).Select(i => (long)i).ToArray();
}
