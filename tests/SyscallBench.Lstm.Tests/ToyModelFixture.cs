using SyscallBench.Core.Detection;
using SyscallBench.Lstm.Tests.Support;

namespace SyscallBench.Lstm.Tests;

/// <summary>One tiny LSTM fitted on the toy traces, shared by the tests that only read it.</summary>
public sealed class ToyModelFixture : IDisposable
{
    public ToyModelFixture()
    {
        Progress = [];
        var context = new FitContext(Seed: 11, new SynchronousProgress(Progress));
        Detector = new LstmDetector("toy", CycleTraces.TinyOptions()).FitLstm(CycleTraces.Normals(), context);
    }

    public FittedLstmDetector Detector { get; }

    public List<FitProgress> Progress { get; }

    public void Dispose() => Detector.Dispose();

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order, now.</summary>
    private sealed class SynchronousProgress(List<FitProgress> sink) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => sink.Add(value);
    }
}
