using System.ComponentModel;
using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Running;

/// <summary>
/// Minimal registered components for config and runner tests, independent of the real detectors:
/// a detector scoring the share of calls equal to a "bad" syscall, and an in-memory dataset.
/// </summary>
internal static class TestComponents
{
    public enum Mode
    {
        Share,
        AlwaysFail,
    }

    public sealed class CountingOptions : IOptions
    {
        [Description("The syscall whose share is the score.")]
        public int BadSyscall { get; init; } = 99;

        [Description("Scoring mode.")]
        public Mode Mode { get; init; } = Mode.Share;

        [Description("Weights (unused; exercises list binding).")]
        public double[] Weights { get; init; } = [1.0];

        public IEnumerable<OptionError> Validate()
        {
            if (BadSyscall < 0)
            {
                yield return new OptionError(nameof(BadSyscall), $"must be at least 0, got {BadSyscall}");
            }
        }
    }

    public sealed class InlineDatasetOptions : IOptions
    {
        [Description("Number of test normals.")]
        public int Normals { get; init; } = 20;

        public IEnumerable<OptionError> Validate() => [];
    }

    public static DetectorDescriptor CountingDescriptor { get; } = DetectorDescriptor.Create<CountingOptions>(
        "counting", "share of a bad syscall", (name, options) => new CountingDetector(name, options),
        directory => new FittedCounting(int.Parse(File.ReadAllText(Path.Combine(directory, "bad.txt")), System.Globalization.CultureInfo.InvariantCulture)));

    public static DatasetDescriptor InlineDescriptor { get; } = DatasetDescriptor.Create<InlineDatasetOptions>(
        "inline", "tiny in-memory dataset", (options, _) => Inline(options.Normals));

    /// <summary>Scores depend on the fit seed (share of the bad syscall plus a seed- and length-dependent offset).</summary>
    public static DetectorDescriptor SeededDescriptor { get; } = DetectorDescriptor.Create<CountingOptions>(
        "seeded", "share of a bad syscall, shifted by the seed", (name, options) => new SeededDetector(name, options),
        directory => FittedSeeded.Load(directory));

    /// <summary>The counting detector declared deterministic: the runner fits it once per split.</summary>
    public static DetectorDescriptor FixedDescriptor { get; } = DetectorDescriptor.Create<CountingOptions>(
        "fixed", "counting, declared deterministic", (name, options) => new CountingDetector(name, options),
        CountingDescriptor.Load, DetectorTraits.Deterministic);

    /// <summary>The counting detector declared to use every core (like the LSTM).</summary>
    public static DetectorDescriptor ExclusiveDescriptor { get; } = DetectorDescriptor.Create<CountingOptions>(
        "exclusive", "counting, declared to use all cores", (name, options) => new CountingDetector(name, options),
        CountingDescriptor.Load, DetectorTraits.UsesAllCores);

    public static DetectorRegistry Detectors { get; } = new([CountingDescriptor, SeededDescriptor, FixedDescriptor, ExclusiveDescriptor,
        SyscallBench.Core.Detection.Ensemble.EnsembleDetector.Descriptor(() => Detectors!)]);

    public static DatasetRegistry Datasets { get; } = new([InlineDescriptor]);

    public static LabeledDataset Inline(int normals)
    {
        var train = Enumerable.Range(0, 10).Select(i => Trace.Normal($"train/{i}", [1, 2, 3, 1, 2, 3])).ToArray();
        var test = Enumerable.Range(0, normals).Select(i => Trace.Normal($"test/n{i}", i % 4 == 0 ? [1, 2, 99, 3] : [1, 2, 3]))
            .Concat(Enumerable.Range(0, 5).Select(i => Trace.Attack($"test/a{i}", [99, 99, 1, 99], i % 2 == 0 ? "Alpha" : "Beta")))
            .ToArray();
        return new LabeledDataset("inline", train, test,
            new DatasetProvenance("inline", "memory", DatasetHash.Compute(train, test), []));
    }

    private sealed class CountingDetector(string name, CountingOptions options) : IDetector
    {
        public string Name => name;

        public string Type => "counting";

        public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context) =>
            options.Mode == Mode.AlwaysFail
                ? throw new SyscallBenchException("counting detector asked to fail")
                : new FittedCounting(options.BadSyscall);
    }

    private sealed class SeededDetector(string name, CountingOptions options) : IDetector
    {
        public string Name => name;

        public string Type => "seeded";

        public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context) => new FittedSeeded(options.BadSyscall, context.Seed);
    }

    private sealed class FittedSeeded(int bad, int seed) : IFittedDetector
    {
        public string Type => "seeded";

        public TraceScore Score(Trace trace) =>
            new(trace.Calls.Count(c => c == bad) / (double)trace.Length + ((seed * 31 + trace.Id.Length + trace.Length) % 7) * 0.01);

        public void Save(string directory) =>
            File.WriteAllText(Path.Combine(directory, "seeded.txt"), FormattableString.Invariant($"{bad} {seed}"));

        public static FittedSeeded Load(string directory)
        {
            var parts = File.ReadAllText(Path.Combine(directory, "seeded.txt")).Split(' ');
            return new FittedSeeded(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        public void Dispose()
        {
        }
    }

    private sealed class FittedCounting(int bad) : IFittedDetector
    {
        public string Type => "counting";

        public TraceScore Score(Trace trace) => new(trace.Calls.Count(c => c == bad) / (double)trace.Length);

        public void Save(string directory) =>
            File.WriteAllText(Path.Combine(directory, "bad.txt"), bad.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public void Dispose()
        {
        }
    }
}
