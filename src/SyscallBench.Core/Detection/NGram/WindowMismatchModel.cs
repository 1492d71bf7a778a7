using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.NGram;

/// <summary>What a fitted stide or t-stide needs besides its window counts.</summary>
/// <param name="WindowLength">k: calls per window.</param>
/// <param name="Score">How mismatches become the trace score.</param>
/// <param name="LocalityFrame">F: windows per locality frame (for <see cref="MismatchScore.MaxLfc"/>).</param>
/// <param name="RarityThreshold">
/// Windows whose training frequency count/total is below this also mismatch; 0 for plain stide.
/// </param>
public sealed record WindowMismatchSettings(int WindowLength, MismatchScore Score, int LocalityFrame, double RarityThreshold);

/// <summary>
/// The fitted form shared by stide and t-stide: the set of training windows with their counts, and the
/// rule "a window mismatches when it never occurred in training, or occurred with relative frequency
/// below the rarity threshold". Stide is the special case threshold = 0.
/// </summary>
/// <remarks>
/// Per-position scores: entry i is 1 when the window ending at call i mismatches, else 0; the first k-1
/// entries are therefore always 0. A trace shorter than k is one window ending at its last call; it
/// matches only an identical short training trace. The empty trace is one empty window (a mismatch
/// unless an empty trace was trained on) with no positions.
/// Syscalls never seen in training map to the vocabulary's unknown id, which no training window holds,
/// so every window containing one mismatches.
/// </remarks>
public sealed class WindowMismatchModel : IFittedDetector, ITrainingNGrams, IPositiveScoreStream
{
    private const string WindowsFile = "windows.bin";

    private readonly WindowMismatchSettings _settings;
    private readonly Vocabulary _vocabulary;
    private readonly WindowCounts _counts;
    private volatile bool _disposed;

    private WindowMismatchModel(string type, WindowMismatchSettings settings, Vocabulary vocabulary, WindowCounts counts)
    {
        Type = type;
        _settings = settings;
        _vocabulary = vocabulary;
        _counts = counts;
    }

    public string Type { get; }

    public WindowMismatchSettings Settings => _settings;

    /// <summary>Distinct training windows.</summary>
    public int DistinctWindows => _counts.Distinct;

    /// <summary>Training windows with repetition (the denominator of the relative frequency).</summary>
    public long TotalWindows => _counts.Total;

    internal static WindowMismatchModel Fit(string detectorName, string type, WindowMismatchSettings settings,
        IReadOnlyList<Trace> normalTraces, FitContext context)
    {
        if (normalTraces.Count == 0)
        {
            throw new SyscallBenchException($"Detector '{detectorName}' ({type}): no normal traces to fit on.");
        }

        var vocabulary = Vocabulary.Fit(normalTraces);
        var k = settings.WindowLength;
        var counts = new WindowCounts(k);
        for (var t = 0; t < normalTraces.Count; t++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            for (var windows = new EncodedWindowCursor(normalTraces[t].Calls, vocabulary, k); windows.MoveNext();)
            {
                counts.AddHashed(windows.Window, windows.Hash);
            }

            if ((t + 1) % 256 == 0 || t + 1 == normalTraces.Count)
            {
                context.Report((t + 1) / (double)normalTraces.Count, $"{type}: counted windows of {t + 1} traces");
            }
        }

        return new WindowMismatchModel(type, settings, vocabulary, counts);
    }

    /// <summary>Whether a window counts as a mismatch: unseen, or rarer than the threshold.</summary>
    public bool IsMismatch(ReadOnlySpan<int> windowIds) => IsMismatch(_counts.CountOf(windowIds));

    private bool IsMismatch(long count) => count == 0 || count / (double)_counts.Total < _settings.RarityThreshold;

    public int NGramLength => _settings.WindowLength;

    public bool IsKnownSyscall(int syscall) => _vocabulary.IsKnown(syscall);

    /// <summary>Whether the window occurred in training at all (t-stide's rarity rule aside).</summary>
    public bool WasSeenInTraining(ReadOnlySpan<int> syscalls)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(syscalls.Length, NGramLength, nameof(syscalls));
        return _counts.CountOf(_vocabulary.Encode(syscalls)) > 0;
    }

    public TraceScore Score(Trace trace)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var positions = new double[trace.Length];
        return new TraceScore(Tally(trace.Calls, end => positions[end] = 1), positions);
    }

    /// <summary>Where mismatching windows end (score 1), without an array as long as the trace.</summary>
    public void PositivePositions(Trace trace, Action<int, double> positive)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Tally(trace.Calls, end => positive(end, 1));
    }

    /// <summary>The trace scores without position scores: no array as long as a trace (see <see cref="EncodedWindowCursor"/>).</summary>
    public IReadOnlyList<double> ScoreValues(IReadOnlyList<Trace> traces, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var values = new double[traces.Count];
        Parallel.For(0, traces.Count, new ParallelOptions { CancellationToken = cancellation }, i => values[i] = Tally(traces[i].Calls, null));
        return values;
    }

    /// <summary>The trace score; <paramref name="mismatchEnd"/>, if given, hears the call at which each mismatching window ends, in order.</summary>
    private double Tally(int[] calls, Action<int>? mismatchEnd)
    {
        var k = _settings.WindowLength;
        var tally = new MismatchTally(_settings.LocalityFrame, SlidingWindows.CountOf(calls.Length, k));
        for (var windows = new EncodedWindowCursor(calls, _vocabulary, k); windows.MoveNext();)
        {
            var index = _counts.IndexOfHashed(windows.Window, windows.Hash);
            var mismatch = IsMismatch(index < 0 ? 0 : _counts.CountAt(index));
            tally.Add(mismatch);
            if (mismatch && mismatchEnd is not null && SlidingWindows.EndOf(calls.Length, k, windows.Position) is var end and >= 0)
            {
                mismatchEnd(end);
            }
        }

        return tally.Score(_settings.Score);
    }

    public void Save(string directory)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ModelFiles.WriteHeader(directory, new Header
        {
            Type = Type,
            WindowLength = _settings.WindowLength,
            Score = _settings.Score,
            LocalityFrame = _settings.LocalityFrame,
            RarityThreshold = _settings.RarityThreshold,
            Vocabulary = [.. _vocabulary.KnownSyscalls],
        });
        _counts.Save(Path.Combine(directory, WindowsFile));
    }

    /// <summary>Loads a model saved by <see cref="Save"/> for detector type <paramref name="type"/>.</summary>
    public static WindowMismatchModel Load(string directory, string type)
    {
        var header = ModelFiles.ReadHeader<Header>(directory, type, h => h.Type);
        var where = Path.Combine(directory, ModelFiles.HeaderFile);
        if (header.WindowLength < 1 || header.LocalityFrame < 1
            || !(header.RarityThreshold >= 0 && header.RarityThreshold <= 1) || !Enum.IsDefined(header.Score))
        {
            throw new SyscallBenchException($"{where}: settings out of range (window_length {header.WindowLength}, "
                + $"locality_frame {header.LocalityFrame}, rarity_threshold {header.RarityThreshold}).");
        }

        var counts = WindowCounts.Load(Path.Combine(directory, WindowsFile));
        if (counts.Width != header.WindowLength)
        {
            throw new SyscallBenchException($"{Path.Combine(directory, WindowsFile)}: windows of {counts.Width} calls, "
                + $"but {where} says window_length {header.WindowLength}.");
        }

        var settings = new WindowMismatchSettings(header.WindowLength, header.Score, header.LocalityFrame, header.RarityThreshold);
        return new WindowMismatchModel(type, settings, Vocabulary.FromSyscalls(header.Vocabulary), counts);
    }

    public void Dispose() => _disposed = true;

    private sealed class Header
    {
        public string Type { get; init; } = "";

        public int WindowLength { get; init; }

        public MismatchScore Score { get; init; }

        public int LocalityFrame { get; init; }

        public double RarityThreshold { get; init; }

        public int[] Vocabulary { get; init; } = [];
    }
}
