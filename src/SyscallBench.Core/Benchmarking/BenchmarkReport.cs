using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Export;
using SyscallBench.Core.Running;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Benchmarking;

/// <summary>The machine a benchmark ran on, and the code it ran.</summary>
public sealed record BenchmarkMachine(string Cpu, int LogicalCores, string OperatingSystem, string Runtime, string? GitCommit, bool? GitDirty)
{
    public static BenchmarkMachine Of(RunEnvironment environment) => new(environment.Cpu, environment.ProcessorCount,
        environment.OperatingSystem, environment.Runtime, environment.GitCommit, environment.GitDirty);
}

/// <summary>
/// One detector's medians over the repeats (model bytes: the largest). Throughputs are calls of the split
/// divided by the median wall-clock time, or by the median CPU time of the process (the "PerCpuSecond" ones). Bytes: see <see cref="PhaseCost"/> and <see cref="DetectorSample"/> for what each one is.
/// </summary>
public sealed record DetectorBenchmarkSummary(
    string Name,
    string Type,
    double FitSeconds,
    double FitCallsPerSecond,
    double FitCallsPerCpuSecond,
    double ScoreSecondsOneThread,
    double ScoreCallsPerSecondOneThread,
    double ScoreCallsPerCpuSecondOneThread,
    double ScoreSecondsParallel,
    double ScoreCallsPerSecondParallel,
    long FitAllocatedBytes,
    long? FitPeakResidentGrowthBytes,
    long ModelManagedBytes,
    long ScoreAllocatedBytesOneThread,
    long? ScorePeakResidentGrowthBytesOneThread,
    long? ScorePeakResidentGrowthBytesParallel)
{
    public static DetectorBenchmarkSummary Of(DetectorSpec spec, IReadOnlyList<DetectorSample> samples, long trainCalls, long testCalls)
    {
        var fit = Median(samples.Select(s => s.Fit.Elapsed.TotalSeconds));
        var fitCpu = Median(samples.Select(s => s.Fit.CpuTime.TotalSeconds));
        var one = Median(samples.Select(s => s.ScoreOneThread.Elapsed.TotalSeconds));
        var oneCpu = Median(samples.Select(s => s.ScoreOneThread.CpuTime.TotalSeconds));
        var parallel = Median(samples.Select(s => s.ScoreParallel.Elapsed.TotalSeconds));
        return new DetectorBenchmarkSummary(spec.Name, spec.Type,
            fit, trainCalls / fit, trainCalls / fitCpu, one, testCalls / one, testCalls / oneCpu, parallel, testCalls / parallel,
            MedianBytes(samples.Select(s => s.Fit.AllocatedBytes)),
            MedianBytes(samples.Select(s => s.Fit.PeakResidentGrowthBytes)),
            // The largest, not the median: a thread-pool thread can still hold its last ScoreMany work item, and
            // with it the model, when the model is dropped; that reads as "freed nothing", never as too much.
            samples.Max(s => s.ModelManagedBytes),
            MedianBytes(samples.Select(s => s.ScoreOneThread.AllocatedBytes)),
            MedianBytes(samples.Select(s => s.ScoreOneThread.PeakResidentGrowthBytes)),
            MedianBytes(samples.Select(s => s.ScoreParallel.PeakResidentGrowthBytes)));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The median of no values is undefined.", nameof(values));
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static long MedianBytes(IEnumerable<long> values) => (long)Median(values.Select(v => (double)v));

    private static long? MedianBytes(IEnumerable<long?> values)
    {
        var known = values.OfType<long>().ToArray();
        return known.Length == 0 ? null : MedianBytes(known);
    }
}

/// <summary>One experiment's detectors benchmarked on one of its datasets.</summary>
public sealed record DatasetBenchmark(
    string Experiment,
    string Dataset,
    int TrainTraces,
    long TrainCalls,
    int TestTraces,
    long TestCalls,
    double LoadSeconds,
    IReadOnlyList<DetectorBenchmarkSummary> Detectors)
{
    public static DatasetBenchmark Of(string experiment, string datasetName, LabeledDataset dataset, TimeSpan loadTime,
        IReadOnlyList<DetectorSpec> detectors, IReadOnlyList<IReadOnlyList<DetectorSample>> samples)
    {
        var trainCalls = dataset.Train.Sum(t => (long)t.Length);
        var testCalls = dataset.Test.Sum(t => (long)t.Length);
        var summaries = detectors
            .Select((spec, d) => DetectorBenchmarkSummary.Of(spec, samples.Select(repeat => repeat[d]).ToArray(), trainCalls, testCalls))
            .ToArray();
        return new DatasetBenchmark(experiment, datasetName, dataset.Train.Count, trainCalls, dataset.Test.Count, testCalls,
            loadTime.TotalSeconds, summaries);
    }
}

/// <summary>
/// What `bench --json FILE` writes and `bench-table` renders: medians per detector and dataset, with the
/// machine, the date and the command, so a published table can always be traced back to a run.
/// </summary>
public sealed record BenchmarkReport(DateTimeOffset Date, string Command, int Repeats, BenchmarkMachine Machine, IReadOnlyList<DatasetBenchmark> Runs)
{
    public void Save(string path) => JsonFile.Save(this, path);

    /// <exception cref="SyscallBenchException">The file is missing or not a benchmark report.</exception>
    public static BenchmarkReport Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SyscallBenchException($"{path}: benchmark file not found.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<BenchmarkReport>(stream, JsonFile.Options)
                ?? throw new SyscallBenchException($"{path}: empty benchmark file.");
        }
        catch (JsonException e)
        {
            throw new SyscallBenchException($"{path}: not a benchmark report written by `bench --json` ({e.Message}).", e);
        }
    }
}
